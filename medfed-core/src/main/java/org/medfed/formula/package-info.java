/**
 * R model formulas and the model frame: parsing {@code y ~ a + b:c + I(x^2) + offset(log(n))},
 * expanding terms exactly as R's {@code terms.formula}, naming design columns exactly as
 * {@code model.matrix} with treatment contrasts, and building a site's design matrix
 * column-wise. Results must match R to the column name, so every naming and ordering rule here
 * follows R's own C code ({@code src/main/model.c}) and is pinned by R-verified tests.
 * Nothing here talks to other sites: the site probes its schema ({@link org.medfed.formula.SiteSchema}),
 * the hub merges levels ({@link org.medfed.formula.FactorLevels}), and both sides then derive
 * the same {@link org.medfed.formula.DesignLayout}.
 */
package org.medfed.formula;
