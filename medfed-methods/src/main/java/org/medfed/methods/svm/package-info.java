/**
 * A linear support vector machine over horizontally partitioned rows by consensus ADMM (Boyd et
 * al. 2011 §8.2.3, on the engine in {@link org.medfed.methods.admm}). The objective is liblinear's
 * L2-regularized hinge-loss (L1-loss) SVC, {@code ½||w||² + C Σᵢ max(0, 1 − yᵢ wᵀxᵢ)}, with
 * liblinear's bias convention: the formula's intercept is a constant feature B whose weight is
 * regularized like the others. Each site's loss is its rows' hinge terms; its local ADMM step is
 * liblinear's dual coordinate descent with the regularizer centred at the hub's consensus
 * ({@link org.medfed.methods.svm.HingeDualSolver}), warm-started from its previous dual
 * variables; the hub's step is the proximal map of ½||w||². Sites release only sums over sites;
 * which rows are support vectors, and how many, stays at each site. The sums of the sites' dual
 * variables give a duality gap at every consensus ({@link org.medfed.methods.svm.DualityGap}): a
 * certificate of how far the answer is from the optimum, and optionally the stopping rule; the hub
 * keeps it over the rounds ({@link org.medfed.methods.svm.DualCertificate}: the best consensus
 * against the best convex combination of recent rounds' duals), so it never loosens. A
 * previous fit can seed the consensus and the duals (online updates after rows were added or
 * removed).
 */
package org.medfed.methods.svm;
