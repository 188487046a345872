/**
 * Secure aggregation after Bonawitz et al., "Practical Secure Aggregation for Privacy-Preserving
 * Machine Learning" (CCS 2017): pairwise X25519 masks that cancel in the sum, per-site self-masks,
 * and Shamir shares of the mask secrets so that a round survives sites dropping out. The hub
 * ({@link org.medfed.secagg.SecAggServer}) learns only the sum over the surviving sites; each site
 * ({@link org.medfed.secagg.SecAggClient}) signs its keys with its identity key so that the hub,
 * which relays every message, cannot substitute them.
 *
 * <p>This package is pure: state machines and message records driven by the caller, with no
 * networking, threads, clocks or files; its cryptography is the JDK's, with Bouncy Castle's X25519
 * and P-256 signature verification for speed (see {@code SecAggCrypto}). The runtime moves the
 * messages; the fixed-point encoding ({@link org.medfed.secagg.FixedPointRing}) makes the masked
 * sum exact, and refuses values it cannot represent rather than wrapping.
 */
package org.medfed.secagg;
