package org.medfed.privacy.dp;

import java.security.SecureRandom;

/**
 * A calibrated noise mechanism for one declared release shape: built once from the release's
 * length, declared sensitivity and privacy parameters, it adds noise to the site's aggregate and
 * says what that cost. The same instance can noise several releases of that shape; every call is
 * a separate release and must be charged separately.
 */
public sealed interface Mechanism permits LaplaceMechanism, GaussianMechanism {

    /** Number of elements in the release this mechanism was calibrated for. */
    int dimension();

    /** The noise on each release, for the result JSON. */
    NoiseReport report();

    /** What each release costs the dataset's budget. */
    PrivacyCost cost();

    /**
     * The release rounded to {@link #grid()} plus independent noise per element; a new array.
     * Charge the budget first: if the charge is refused, the release must not leave the site, and
     * noising the same aggregate twice and releasing both is two releases.
     */
    double[] apply(double[] release, SecureRandom rng);

    /** The lattice every output lies on. */
    Grid grid();
}
