package org.medfed.methods.describe;

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
 * The site half of a correlation job: the schema round over the rows complete in every column,
 * then their count and column sums, then — around the hub's global means — their centred
 * cross-products. The (clipped) values stay in site state between the passes.
 */
final class CorrelationSite implements SiteHalf {
    private static final String ROWS = "correlation.rows";

    private final CorrelationParameters parameters;

    CorrelationSite(CorrelationParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(CorrelationSteps.formula(parameters.columns()), data, state);
            case CorrelationSteps.MOMENTS -> moments(request, data, state);
            case CorrelationSteps.CROSS -> crossProducts(request, state);
            default -> throw new IllegalStateException("correlation site: unknown step " + request.step());
        };
    }

    private Contribution moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Disclosure schema = FrameRound.kept(state);
        NumericRows rows = NumericRows.read(data.table(), parameters.columns(), spec, schema.rowsUsed(), parameters::clip);
        state.put(ROWS, rows);
        double[] sums = new double[parameters.columns().size()];
        double[] sumBounds = new double[sums.length];
        boolean bounded = true;
        for (int k = 0; k < sums.length; k++) {
            for (double v : rows.values()[k]) {
                sums[k] += v;
            }
            Clip clip = parameters.clip(parameters.columns().get(k));
            bounded &= clip != null;
            sumBounds[k] = clip == null ? 0 : clip.sumBound();
        }
        // The count of rows is a released count: the minimum-cell rule reads it too.
        Disclosure d = facts(schema, rows).withSmallestCell(rows.count()).withSensitivity(CorrelationSteps.N, Sensitivity.counts());
        if (bounded) {
            d = d.withSensitivity(CorrelationSteps.SUM, Sensitivity.elementwise(sumBounds));
        }
        return new Contribution(Payload.builder().put(CorrelationSteps.N, new double[] {rows.count()})
                .put(CorrelationSteps.SUM, sums).build(), d);
    }

    private Contribution crossProducts(Request request, SiteState state) {
        double[] mean = request.parameters().number(CorrelationSteps.MEAN);
        NumericRows rows = state.get(ROWS, NumericRows.class);
        double[][] v = rows.values();
        int k = v.length;
        double[][] centred = new double[k][];
        for (int a = 0; a < k; a++) {
            centred[a] = v[a].clone();
            for (int i = 0; i < centred[a].length; i++) {
                centred[a][i] -= mean[a];
            }
        }
        double[] packed = new double[CorrelationSteps.packed(k)];
        double[] bounds = new double[packed.length];
        boolean bounded = true;
        double[] reach = new double[k];
        for (int a = 0; a < k; a++) {
            Clip clip = parameters.clip(parameters.columns().get(a));
            bounded &= clip != null;
            // How far one clipped value can lie from the mean: √ of the squared-deviation bound.
            reach[a] = clip == null ? 0 : Math.sqrt(clip.squaredDeviationBound(mean[a]));
        }
        int e = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int i = 0; i < centred[a].length; i++) {
                    s += centred[a][i] * centred[b][i];
                }
                packed[e] = s;
                bounds[e++] = reach[a] * reach[b];
            }
        }
        Disclosure d = facts(FrameRound.kept(state), rows);
        if (bounded) {
            d = d.withSensitivity(CorrelationSteps.CROSS_PRODUCTS, Sensitivity.elementwise(bounds));
        }
        return new Contribution(Payload.builder().put(CorrelationSteps.CROSS_PRODUCTS, packed).build(), d);
    }

    /** The schema's facts (factor levels: none, every column is numeric) with the rows actually used. */
    private static Disclosure facts(Disclosure schema, NumericRows rows) {
        return Disclosure.of(rows.count(), 0).withFactorLevels(schema.factorLevels()).withRowsUsed(rows.rows());
    }
}
