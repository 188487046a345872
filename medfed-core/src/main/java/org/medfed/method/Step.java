package org.medfed.method;

/** What the hub half does next: ask the sites again, or finish with a result. */
public sealed interface Step {

    /** Another round. */
    record Next(Request request) implements Step {
    }

    /** The analysis is complete. */
    record Done(MethodResult result) implements Step {
    }
}
