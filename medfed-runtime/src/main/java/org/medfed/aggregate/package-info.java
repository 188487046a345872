/**
 * Combining released contributions into the {@link org.medfed.method.Aggregate} a hub half sees:
 * sums in the job's fixed site order (bitwise reproducible whatever the arrival order), per-site
 * values keyed by site, and label unions.
 */
package org.medfed.aggregate;
