package org.medfed.method;

/**
 * A federated method: its name (the CLI's {@code METHOD}), its parameter type (a record that
 * serializes to JSON, so that a job can be sent to a hub or stored), and factories for its two
 * halves. One package per method holds the definition, both halves and the result type.
 *
 * @param <P> the method's parameters
 */
public interface MethodDefinition<P> {

    String name();

    Class<P> parametersType();

    HubHalf hub(P parameters, JobContext context);

    SiteHalf site(P parameters);
}
