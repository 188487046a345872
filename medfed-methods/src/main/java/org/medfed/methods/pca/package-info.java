/**
 * Principal component analysis of numeric columns over horizontally partitioned rows, as R's
 * {@code prcomp} on the pooled rows: after the frame package's schema round (every column must be
 * numeric), sites release the count of complete rows and the column sums (SUM), then the centred
 * cross-products around the hub's global means (SUM, upper triangle) — a second pass, so the
 * covariance is exact rather than Σxxᵀ − n·x̄x̄ᵀ, which loses digits when means are large against
 * spreads. These rounds are the describe package's centred-moments protocol, shared with
 * {@code correlation} ({@link org.medfed.methods.describe.CentredMoments}); the hub forms the covariance (divisor n − 1, as {@code prcomp}) or, with scaling, the
 * correlation matrix and takes its symmetric eigen decomposition ({@link org.medfed.methods.pca.SymmetricEigen},
 * cyclic Jacobi). Rows and scores never leave a site: a row's scores need its own values, so they
 * can only be computed where the row lives.
 */
package org.medfed.methods.pca;
