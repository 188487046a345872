/**
 * Consensus ADMM (Boyd et al. 2011, §7.1 and §8.2), method-agnostic: minimise
 * {@code Σ_k f_k(x) + g(z)} subject to {@code x_k = z}, where site k knows only its own loss
 * {@code f_k} and the hub applies the penalty {@code g}. A method plugs in a {@link
 * org.medfed.methods.admm.LocalSolver} (the site's proximal step on its loss) and a {@link
 * org.medfed.methods.admm.ConsensusProx} (the hub's proximal step on the penalty), and embeds the
 * engine's request and release entries in its own rounds.
 *
 * <p>Each site keeps its local primal {@code x_k} and scaled dual {@code u_k} in a {@link
 * org.medfed.methods.admm.ConsensusSite} in its job state; they are never released. A round
 * releases only sums over sites — {@code Σ (x̂_k + u_k)} (all the z-update needs) and the scalar
 * sums behind the stopping rule and the objective — so the engine works under secure aggregation.
 *
 * <p>Optionally ({@link org.medfed.methods.admm.AdmmControl#anderson()} &gt; 0) the hub accelerates
 * the iteration by Anderson mixing ({@link org.medfed.methods.admm.AndersonMixer}): the sites keep
 * their last few points and release the summed inner products of their fixed-point residuals, the
 * hub sends back the weights of the combination, and each site forms it from its own points.
 * Nothing here touches sockets, files or clocks.
 */
package org.medfed.methods.admm;
