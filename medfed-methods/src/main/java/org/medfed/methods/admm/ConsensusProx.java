package org.medfed.methods.admm;

/** The hub's part of a consensus problem: the penalty {@code g} and its proximal operator. */
public interface ConsensusProx {

    /** {@code argmin_z g(z) + (t/2)||z − v||²}. */
    double[] prox(double[] v, double t);

    /** {@code g(z)}. */
    double value(double[] z);
}
