package org.medfed.methods.admm;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the engine's request entries and of every quantity a site releases in an ADMM
 * round: a method adds these to its own request payload and release list. Shared by both halves
 * so that the declarations and the computation cannot drift apart.
 */
public final class ConsensusSteps {
    /** Request: the consensus z (length p). */
    public static final String Z = "admm.z";
    /** Request: the penalty parameter ρ for this round's x-update. */
    public static final String RHO = "admm.rho";
    /** Request: the factor by which a site rescales u after its u-update (ρ_old/ρ_new; 1 if ρ did not change). */
    public static final String U_SCALE = "admm.u_scale";
    /** Request: the over-relaxation α. */
    public static final String RELAXATION = "admm.relaxation";
    /** Request: 1 starts a fresh problem (x and u discarded, no u-update), 0 continues. */
    public static final String RESET = "admm.reset";

    /**
     * Request (Anderson acceleration only): the memory m; a site then keeps its last m + 1 rounds'
     * {@code x̂_k + u_k} and fixed-point residuals {@code x̂_k − z}, and releases {@link #RESIDUAL_GRAM}.
     */
    public static final String ANDERSON = "admm.anderson";
    /**
     * Request (Anderson acceleration only): weights, summing to 1, over the site's last kept
     * {@code x̂_k + u_k} (oldest first; as many as there are weights): the point the u-update
     * starts from instead of the latest. Absent: the latest (a plain ADMM step).
     */
    public static final String MIX = "admm.mix";

    /** Release: Σ_k (x̂_k + u_k), length p. */
    public static final String X_PLUS_U = "admm.x_plus_u";
    /** Release: Σ_k ||x_k − z||² for the site's previous x and this round's z (the primal residual). */
    public static final String PRIMAL_SQ = "admm.primal_sq";
    /** Release: Σ_k ||x_k||² for the same x (the primal tolerance's scale). */
    public static final String X_SQ = "admm.x_sq";
    /** Release: Σ_k ||u_k||² after this round's u-update (the dual tolerance's scale). */
    public static final String U_SQ = "admm.u_sq";
    /** Release: Σ_k f_k(z) at this round's z (the objective's loss part). */
    public static final String LOSS = "admm.loss";

    /**
     * Release (Anderson acceleration only), length 2m + 1, summed over sites: with {@code r_k =
     * x̂_k − z} this round's fixed-point residual and {@code Δ_i} the differences of the last m + 1
     * rounds' residuals (oldest first, right-aligned, zeros where a fresh problem has fewer), the
     * inner products ⟨Δ_last, Δ_i⟩ (m), then ⟨Δ_i, r_k⟩ (m), then ⟨r_k, r_k⟩.
     */
    public static final String RESIDUAL_GRAM = "admm.residual_gram";

    private ConsensusSteps() {
    }

    /** The quantities a site releases in every ADMM round of a problem with p coordinates. */
    public static List<Quantity> releases(int p) {
        return List.of(
                Quantity.sum(X_PLUS_U, "sum over sites of the local ADMM solution plus the scaled dual (relaxed)", p),
                Quantity.sum(PRIMAL_SQ, "sum over sites of the squared distance of the local solution from the consensus"),
                Quantity.sum(X_SQ, "sum over sites of the squared norm of the local solution"),
                Quantity.sum(U_SQ, "sum over sites of the squared norm of the scaled dual"),
                Quantity.sum(LOSS, "sum over sites of the local loss at the consensus"));
    }

    /** As {@link #releases(int)}, and with Anderson memory m > 0 the residuals' inner products. */
    public static List<Quantity> releases(int p, int anderson) {
        if (anderson <= 0) {
            return releases(p);
        }
        List<Quantity> q = new ArrayList<>(releases(p));
        q.add(Quantity.sum(RESIDUAL_GRAM, "sum over sites of the inner products of this round's ADMM fixed-point "
                + "residual (local solution minus consensus) and of its changes over the last rounds (for Anderson acceleration)",
                2 * anderson + 1));
        return q;
    }
}
