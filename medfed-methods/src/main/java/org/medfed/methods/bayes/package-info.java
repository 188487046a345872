/**
 * Bayesian logistic regression by expectation propagation (EXPLORER-style). The prior is
 * N(0, s²I) on every coefficient, the intercept included. Each site keeps, for each of its rows,
 * a Gaussian approximation of that row's likelihood term (two numbers in the row's projection
 * {@code f = x'β}); the product over its rows is the site's Gaussian factor, and the site releases
 * only that factor's natural parameters — the summed precision matrix {@code Σ τᵢ xᵢxᵢ'} and
 * shift {@code Σ νᵢ xᵢ} — never rows. The hub adds the factors to the prior's natural parameters
 * and sends the posterior (mean, covariance) back. In each round every site sweeps its rows once:
 * per row, the cavity (posterior without that row's term), the moments of cavity × logistic
 * likelihood computed by one-dimensional quadrature in the row's projection, and the damped
 * moment-matching update of the row's term (standard EP for logistic regression, Minka 2001;
 * sites sweep in parallel, rows within a site sequentially). The iteration stops when no posterior
 * mean moves by more than the tolerance times its posterior sd and no posterior sd changes by more
 * than the tolerance relative.
 */
package org.medfed.methods.bayes;
