package org.medfed.method;

/**
 * The hub side of one job of a method: a deterministic state machine over aggregates. It never
 * sees rows or any single site's SUM contribution; it must not read clocks, files or randomness
 * that is not derived from its parameters, so that every runtime (and every site, in the hubless
 * mode) reaches the same result.
 */
public interface HubHalf {

    /**
     * The most requests (rounds) a job may make: both runtimes end a job that asks for more. A
     * method whose rounds are open-ended (an iterative path) can check its own count against it
     * and return what it has solved instead of failing.
     */
    int MAX_ROUNDS = 10_000;

    /** The first request. */
    Step start();

    /** Fold the round's aggregate into the state; return the next request or the result. */
    Step next(Aggregate aggregate);
}
