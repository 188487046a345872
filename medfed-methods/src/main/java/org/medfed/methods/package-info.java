/**
 * Federated methods, one package per method family; each package holds the method's definition,
 * its hub half, its site half and its result type, so that a reader sees the whole algorithm in
 * one place. {@link org.medfed.methods.Methods} is the registry the runtimes look names up in.
 */
package org.medfed.methods;
