package org.medfed.methods.admm;

/**
 * A site's part of a consensus problem: its loss {@code f_k} and the proximal step on it. Lives at
 * the site with the site's rows (or their summaries); nothing it holds is released.
 */
public interface LocalSolver {

    /**
     * {@code argmin_x f_k(x) + (ρ/2)||x − v||²}, solved to machine precision (the engine's answer
     * can be no more accurate than this step).
     *
     * @param v     the centre of the proximal term ({@code z − u_k})
     * @param rho   the penalty parameter ρ
     * @param start a starting point (the site's previous {@code x_k}, or {@code z} in the first round)
     */
    double[] solve(double[] v, double rho, double[] start);

    /** {@code f_k(z)}: the site's loss at the consensus, for the objective the hub reports. */
    double loss(double[] z);
}
