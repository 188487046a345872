/**
 * Differential-privacy primitives a site applies to a declared release before it leaves: the
 * Laplace and Gaussian mechanisms (calibrated from a declared per-row L1 or L2 sensitivity, the
 * Gaussian by the analytic calibration of Balle and Wang), exact discrete samplers on a
 * power-of-two grid (Canonne, Kamath and Steinke 2020) so that floating-point noise cannot leak
 * the data's low-order bits (Mironov 2012), clipping helpers, and per-dataset accounting (basic
 * composition for pure ε, zCDP for Gaussian noise) with a persistent, append-only budget ledger.
 *
 * <p>This is a library: nothing here knows about jobs, rounds, sockets or the release gate, and
 * nothing here may draw randomness from anything but the {@link java.security.SecureRandom} the
 * caller supplies. Noise is never applied to row-level data, only to a site's aggregate.
 */
package org.medfed.privacy.dp;
