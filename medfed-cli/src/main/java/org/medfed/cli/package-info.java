/**
 * The {@code medfed} command line (picocli): {@code demo}, {@code simulate METHOD},
 * {@code benchmark}, and {@code audit verify|show}. Commands parse options into a method's
 * parameters, call a runtime, and print results; they contain no statistics. User errors print
 * one message and exit 1 (analysis) or 2 (usage); a stack trace appears only with {@code --debug}.
 */
package org.medfed.cli;
