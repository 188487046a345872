package org.medfed.methods.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.medfed.method.Payload;

/**
 * {@link ConsensusSite#seedDual}: a site whose loss is {@code ½||x − c||²} and whose dual is seeded
 * with its value at a consensus {@code z} ({@code λ = c − z}, so that {@code x = z} solves its
 * step) answers the first round from that fixed point: its local solution is z, and it releases
 * {@code z + λ/ρ}. Unseeded, the same round starts from a zero dual and moves off z.
 */
class ConsensusSiteSeedTest {
    private static final double[] C = {1.5, -2, 0.25};
    private static final double[] Z = {0.5, 0.5, -1};

    private static final LocalSolver HALF_SQUARE = new LocalSolver() {
        @Override
        public double[] solve(double[] v, double rho, double[] start) {
            double[] x = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                x[j] = (C[j] + rho * v[j]) / (1 + rho);
            }
            return x;
        }

        @Override
        public double loss(double[] z) {
            double s = 0;
            for (int j = 0; j < z.length; j++) {
                s += 0.5 * (z[j] - C[j]) * (z[j] - C[j]);
            }
            return s;
        }
    };

    private static Payload firstRound(double rho) {
        return Payload.builder().put(ConsensusSteps.Z, Z.clone()).put(ConsensusSteps.RHO, rho)
                .put(ConsensusSteps.U_SCALE, 1).put(ConsensusSteps.RELAXATION, 1.6).put(ConsensusSteps.RESET, 1).build();
    }

    @Test
    void aSeededDualStartsAtTheFixedPoint() {
        double rho = 2.5;
        double[] lambda = new double[3];
        for (int j = 0; j < 3; j++) {
            lambda[j] = C[j] - Z[j];
        }
        ConsensusSite seeded = new ConsensusSite(3);
        seeded.seedDual(lambda);
        double[] released = seeded.answer(firstRound(rho), HALF_SQUARE, Payload.builder()).build().number(ConsensusSteps.X_PLUS_U);
        for (int j = 0; j < 3; j++) {
            assertEquals(Z[j] + lambda[j] / rho, released[j], 1e-15);
        }
        // The next round at the same z: no primal residual, since the local solution is z.
        Payload second = Payload.builder().put(ConsensusSteps.Z, Z.clone()).put(ConsensusSteps.RHO, rho)
                .put(ConsensusSteps.U_SCALE, 1).put(ConsensusSteps.RELAXATION, 1.6).put(ConsensusSteps.RESET, 0).build();
        assertEquals(0, seeded.answer(second, HALF_SQUARE, Payload.builder()).build().scalar(ConsensusSteps.PRIMAL_SQ), 1e-28);

        ConsensusSite cold = new ConsensusSite(3);
        double[] unseeded = cold.answer(firstRound(rho), HALF_SQUARE, Payload.builder()).build().number(ConsensusSteps.X_PLUS_U);
        assertNotEquals(Z[0] + lambda[0] / rho, unseeded[0], 1e-3);
    }
}
