/**
 * Multinomial logistic regression (baseline-category logit, R's {@code nnet::multinom} model) by
 * federated Newton–Raphson. The response is a factor with K levels; the first level (or the
 * analyst's {@code --reference}) is the baseline and each of the other K − 1 levels gets its own
 * coefficient block over the same p design columns. Each round every site releases, at the hub's
 * current coefficients, the summed (K−1)p gradient, the full (K−1)p × (K−1)p information matrix
 * (minus the Hessian, including the blocks between classes) and the deviance; the hub takes the
 * Newton step and stops when the step is negligible, so standard errors come from the
 * information matrix at the final estimate (not, as nnet's, from a BFGS optimum).
 */
package org.medfed.methods.multinom;
