/**
 * Penalized generalized linear models — {@code lasso}, {@code elasticnet} and {@code admm-logistic}
 * (L2) — with glmnet's objective, fitted by the consensus ADMM of {@link org.medfed.methods.admm}.
 * Gaussian: {@code RSS/(2n) + λ[(1−α)/(2 sd(y))||b||² + α||b||₁]} (glmnet's effective objective; the
 * {@code plain} option drops the 1/sd(y)); binomial: {@code −loglik/n + λ[(1−α)/2||b||² + α||b||₁]};
 * the intercept is never penalized. A formula with {@code - 1} fits without one (glmnet's
 * {@code intercept = FALSE}: x and y uncentred, the gaussian ridge part divided by sqrt(mean y²), see
 * {@link org.medfed.methods.penalized.Scaling}). After the schema handshake a site releases its column sums and
 * sums of squares (the pooled means and sds define well-scaled working coordinates), then in each
 * ADMM round only the engine's sums. A gaussian site reads its rows once (cross-products); a
 * binomial site solves its proximal step by Newton's method on its rows each round.
 */
package org.medfed.methods.penalized;
