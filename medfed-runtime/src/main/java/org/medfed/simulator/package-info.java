/**
 * The in-process runtime: every site in one JVM, each with its own table, {@link
 * org.medfed.site.SiteWorker} and release gate, driven round by round by the method's hub half.
 * Sites compute concurrently (as they would in a real deployment) and are summed in fixed site
 * order. The hub half only ever receives aggregates.
 */
package org.medfed.simulator;
