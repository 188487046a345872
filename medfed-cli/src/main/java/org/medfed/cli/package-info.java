/**
 * The {@code medfed} command line (picocli): {@code demo}, {@code simulate METHOD},
 * {@code benchmark}, {@code pki} (the consortium's certificates) and {@code audit verify|show}.
 * Commands parse options into a method's parameters or the PKI's inputs, call a runtime, and
 * print results; they contain no statistics and no cryptography. User errors print one message
 * and exit 1 (analysis) or 2 (usage); a stack trace appears only with {@code --debug}.
 */
package org.medfed.cli;
