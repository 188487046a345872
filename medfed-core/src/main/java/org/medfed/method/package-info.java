/**
 * The method contract: what every federated analysis is made of, and nothing about how messages
 * travel. A method is a {@link org.medfed.method.MethodDefinition} that makes two pure halves:
 * a {@link org.medfed.method.HubHalf} that folds each round's {@link org.medfed.method.Aggregate}
 * into its state and emits the next {@link org.medfed.method.Request} or the result, and a
 * {@link org.medfed.method.SiteHalf} that turns a request and the site's rows into a
 * {@link org.medfed.method.Contribution}. Every value a site may release is declared up front as a
 * {@link org.medfed.method.Quantity} (name, shape, aggregation); runtimes refuse anything else.
 * No sockets, threads, files or clocks here: the simulator and the deployed hub/site runtimes move
 * the messages, and the hub half must be a deterministic function of its inputs so that it can run
 * anywhere (on the hub, or at every site in the hubless mode).
 */
package org.medfed.method;
