/**
 * Generalized linear models by federated iteratively reweighted least squares (Newton–Raphson;
 * GLORE, and DataSHIELD's {@code ds.glm}). Each round every site releases the summed information
 * matrix {@code X'WX}, the score {@code X'W(z − η)} and the deviance at the hub's current
 * coefficients; the hub takes the Newton step. The iteration copies R's {@code glm.fit} exactly:
 * the family's starting values, the stopping rule {@code |dev − dev_old|/(|dev| + 0.1) < ε},
 * step halving on a non-finite deviance, and standard errors from the information matrix of the
 * last iteration — so iteration counts and printed numbers equal R's.
 */
package org.medfed.methods.glm;
