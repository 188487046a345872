package org.medfed.privacy.dp;

/** The norm in which a release's per-row sensitivity is declared: L1 for Laplace, L2 for Gaussian. */
public enum Norm {
    L1,
    L2
}
