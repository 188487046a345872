/**
 * Lexical rules of the R language that medfed's two small parsers share: the formula parser
 * ({@code org.medfed.formula}) and the row-filter language ({@code org.medfed.filter}). Only
 * scanning lives here; each parser keeps its own grammar.
 */
package org.medfed.rsyntax;
