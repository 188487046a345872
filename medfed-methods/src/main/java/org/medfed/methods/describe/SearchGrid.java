package org.medfed.methods.describe;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lattice {@code i·step} (step = 1, 2 or 5 × 10^k) on which the quantile search places every
 * threshold. Thresholds are computed in decimal, so that on data recorded in multiples of the
 * step (whole numbers, whenever the step is at most 1) a threshold lands exactly on a data value:
 * the search then finds such quantiles exactly. No two released thresholds are closer than one
 * step, so no row's value is located more finely than the step the result states.
 */
record SearchGrid(BigDecimal step) {

    /** The largest step of the form 1, 2 or 5 × 10^k that is at most {@code resolution} (> 0). */
    static SearchGrid atMost(double resolution) {
        if (!(resolution > 0) || Double.isInfinite(resolution)) {
            throw new IllegalArgumentException("grid resolution must be positive and finite, got " + resolution);
        }
        int exponent = (int) Math.floor(Math.log10(resolution));
        BigDecimal base = BigDecimal.ONE.scaleByPowerOfTen(exponent);
        BigDecimal best = base;
        for (int m : new int[] {2, 5, 10}) {
            BigDecimal candidate = base.multiply(BigDecimal.valueOf(m));
            if (candidate.doubleValue() <= resolution) {
                best = candidate;
            }
        }
        // log10 may round across a power of ten: never exceed the resolution.
        while (best.doubleValue() > resolution) {
            best = best.divide(BigDecimal.TEN);
        }
        return new SearchGrid(best.stripTrailingZeros());
    }

    double stepValue() {
        return step.doubleValue();
    }

    /** The threshold with index {@code i}, rounded once from its exact decimal value. */
    double value(long i) {
        return BigDecimal.valueOf(i).multiply(step).doubleValue();
    }

    /** The largest index whose threshold is at most {@code x}. */
    long floor(double x) {
        return new BigDecimal(x).divide(step, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** The smallest index whose threshold is at least {@code x}. */
    long ceiling(double x) {
        return new BigDecimal(x).divide(step, 0, RoundingMode.CEILING).longValueExact();
    }
}
