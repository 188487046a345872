package org.medfed.methods.evaluation;

/**
 * One site's rows as the evaluation sees them: each row's fitted probability and its outcome
 * (1 = event, 0 = non-event). Built by the model's site half at the final coefficients; kept in
 * site state and never released.
 */
public record Scores(double[] fitted, double[] outcome) {
    public Scores {
        if (fitted.length != outcome.length) {
            throw new IllegalArgumentException("scores: " + fitted.length + " fitted values for " + outcome.length + " outcomes");
        }
        for (int i = 0; i < fitted.length; i++) {
            if (!(fitted[i] > 0 && fitted[i] < 1)) {
                throw new IllegalArgumentException("scores: fitted value " + fitted[i] + " outside (0, 1)");
            }
            if (outcome[i] != 0 && outcome[i] != 1) {
                throw new IllegalArgumentException("scores: outcome " + outcome[i] + " is not 0 or 1");
            }
        }
    }

    public int rows() {
        return fitted.length;
    }

    /** The bin of {@code p} among {@code bins} equal bins [b/bins, (b+1)/bins) on [0, 1], the last one closed. */
    static int bin(double p, int bins) {
        // bins is a power of two, so p * bins is exact and the bin edges are exactly b / bins.
        return Math.min((int) (p * bins), bins - 1);
    }
}
