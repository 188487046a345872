package org.medfed.methods.describe;

import java.util.BitSet;
import java.util.List;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Sensitivity;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The site half of a t-test: the schema round over the rows with both a value and a group, then
 * each group's count and sum, then — around the hub's group means — each group's sum of squared
 * deviations. Values and group codes stay in site state between the passes.
 */
final class TTestSite implements SiteHalf {
    private static final String ROWS = "ttest.rows";

    private final TTestParameters parameters;
    private final Formula formula;

    TTestSite(TTestParameters parameters) {
        this.parameters = parameters;
        this.formula = TTestSteps.formula(parameters);
    }

    /** The used rows' (clipped) values and each one's group (0 or 1). */
    private record Groups(NumericRows rows, int[] group) {
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(formula, data, state);
            case TTestSteps.MOMENTS -> moments(request, data, state);
            case TTestSteps.DEVIATIONS -> deviations(request, state);
            default -> throw new IllegalStateException("ttest site: unknown step " + request.step());
        };
    }

    private Contribution moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Disclosure schema = FrameRound.kept(state);
        NumericRows rows = NumericRows.read(data.table(), List.of(parameters.column()), spec, schema.rowsUsed(),
                c -> parameters.clip());
        BitSet used = rows.rows();
        boolean[] counted = new boolean[data.table().rowCount()];
        used.stream().forEach(i -> counted[i] = true);
        String key = TTestSteps.groupKey(formula);
        int[] codes = ModelFrame.levelCodes(data.table(), parameters.group(), spec.levels().of(key), key, counted);
        int[] group = new int[rows.count()];
        double[] n = new double[2];
        double[] sum = new double[2];
        double[] x = rows.values()[0];
        int m = 0;
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            group[m] = codes[i];
            n[group[m]]++;
            sum[group[m]] += x[m];
            m++;
        }
        state.put(ROWS, new Groups(rows, group));
        // Group sizes are released counts: the minimum-cell rule reads the smaller non-zero one.
        Disclosure d = facts(schema, rows).withSmallestCell(Counts.smallestNonZero(List.of(n)))
                .withSensitivity(TTestSteps.N, oneOfTwo(1));
        Clip clip = parameters.clip();
        if (clip != null) {
            d = d.withSensitivity(TTestSteps.SUM, oneOfTwo(clip.sumBound()));
        }
        return new Contribution(Payload.builder().put(TTestSteps.N, n).put(TTestSteps.SUM, sum).build(), d);
    }

    private Contribution deviations(Request request, SiteState state) {
        double[] mean = request.parameters().number(TTestSteps.MEAN);
        Groups g = state.get(ROWS, Groups.class);
        double[] x = g.rows().values()[0];
        double[] ss = new double[2];
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mean[g.group()[i]];
            ss[g.group()[i]] += dx * dx;
        }
        Disclosure d = facts(FrameRound.kept(state), g.rows());
        Clip clip = parameters.clip();
        if (clip != null) {
            double bound = Math.max(clip.squaredDeviationBound(mean[0]), clip.squaredDeviationBound(mean[1]));
            d = d.withSensitivity(TTestSteps.SUM_SQ_DEV, oneOfTwo(bound));
        }
        return new Contribution(Payload.builder().put(TTestSteps.SUM_SQ_DEV, ss).build(), d);
    }

    /**
     * A pair of per-group values of which one row moves only its own group's, by at most
     * {@code bound}. Stated as element bounds too, so that a gate noising the counts beside the
     * sums in one release scales each quantity's noise to its own bound, not to their total.
     */
    static Sensitivity oneOfTwo(double bound) {
        return new Sensitivity(bound, bound, false, new double[] {bound, bound});
    }

    private static Disclosure facts(Disclosure schema, NumericRows rows) {
        return Disclosure.of(rows.count(), 0).withFactorLevels(schema.factorLevels()).withRowsUsed(rows.rows());
    }
}
