/**
 * Evaluation of a stored binomial GLM on a dataset without refitting ({@code evaluate --model}).
 * The model is what a {@code glm} result's JSON holds: formula, family and link, the terms and
 * their estimates, and the harmonized frame (numeric variables, every factor's level order). Each
 * site rebuilds exactly that design from its own rows, refusing a column it lacks or a level the
 * model has no coefficient for, computes its rows' fitted probabilities at the stored
 * coefficients, and then answers the same evaluation rounds as {@code glm --evaluate} ({@link
 * org.medfed.methods.evaluation}); the only extra release is each site's row count.
 */
package org.medfed.methods.storedmodel;
