package org.medfed.methods.describe;

import java.util.List;
import java.util.function.Function;
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
 * The site half of the {@link CentredMoments} protocol (correlation, PCA): the schema round over
 * the rows complete in every column, then their count and column sums, then — around the hub's
 * global means — their centred cross-products. The (clipped) values stay in site state between
 * the passes; where every column is clipped, the sums declare their per-row sensitivities.
 */
public final class CentredMomentsSite implements SiteHalf {
    /** What an infinite value breaks when the method offers clipping bounds. */
    static final String SUMS_NEED_FINITE_VALUES = "sums need finite values (or clipping bounds, --bounds)";

    private final String method;
    private final List<String> columns;
    private final Function<String, Clip> clip;
    private final String infinite;

    /**
     * @param method   the method's name (its site state and messages)
     * @param columns  the columns, in the order of the released vectors
     * @param clip     each column's clipping, or null for none
     * @param infinite what an infinite value breaks, for the message naming its cell
     */
    CentredMomentsSite(String method, List<String> columns, Function<String, Clip> clip, String infinite) {
        this.method = method;
        this.columns = List.copyOf(columns);
        this.clip = clip;
        this.infinite = infinite;
    }

    /** The protocol's site half without clipping; {@code infinite}: e.g. "principal components need finite values". */
    public static CentredMomentsSite unclipped(String method, List<String> columns, String infinite) {
        return new CentredMomentsSite(method, columns, c -> null, infinite);
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(CentredMoments.formula(columns), data, state);
            case CentredMoments.MOMENTS -> moments(request, data, state);
            case CentredMoments.CROSS -> crossProducts(request, state);
            default -> throw new IllegalStateException(method + " site: unknown step " + request.step());
        };
    }

    private Contribution moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Disclosure schema = FrameRound.kept(state);
        NumericRows rows = NumericRows.read(data.table(), columns, spec, schema.rowsUsed(), clip, infinite);
        state.put(rowsKey(), rows);
        double[] sums = new double[columns.size()];
        double[] sumBounds = new double[sums.length];
        boolean bounded = true;
        for (int k = 0; k < sums.length; k++) {
            for (double v : rows.values()[k]) {
                sums[k] += v;
            }
            Clip c = clip.apply(columns.get(k));
            bounded &= c != null;
            sumBounds[k] = c == null ? 0 : c.sumBound();
        }
        // The count of rows is a released count: the minimum-cell rule reads it too.
        Disclosure d = facts(schema, rows).withSmallestCell(rows.count()).withSensitivity(CentredMoments.N, Sensitivity.counts());
        if (bounded) {
            d = d.withSensitivity(CentredMoments.SUM, Sensitivity.elementwise(sumBounds));
        }
        return new Contribution(Payload.builder().put(CentredMoments.N, new double[] {rows.count()})
                .put(CentredMoments.SUM, sums).build(), d);
    }

    private Contribution crossProducts(Request request, SiteState state) {
        double[] mean = request.parameters().number(CentredMoments.MEAN);
        NumericRows rows = state.get(rowsKey(), NumericRows.class);
        double[][] v = rows.values();
        int k = v.length;
        double[][] centred = new double[k][];
        for (int a = 0; a < k; a++) {
            centred[a] = v[a].clone();
            for (int i = 0; i < centred[a].length; i++) {
                centred[a][i] -= mean[a];
            }
        }
        double[] packed = new double[CentredMoments.packed(k)];
        double[] bounds = new double[packed.length];
        boolean bounded = true;
        double[] reach = new double[k];
        for (int a = 0; a < k; a++) {
            Clip c = clip.apply(columns.get(a));
            bounded &= c != null;
            // How far one clipped value can lie from the mean: √ of the squared-deviation bound.
            reach[a] = c == null ? 0 : Math.sqrt(c.squaredDeviationBound(mean[a]));
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
            d = d.withSensitivity(CentredMoments.CROSS_PRODUCTS, Sensitivity.elementwise(bounds));
        }
        return new Contribution(Payload.builder().put(CentredMoments.CROSS_PRODUCTS, packed).build(), d);
    }

    private String rowsKey() {
        return method + ".rows";
    }

    /** The schema's facts (factor levels: none, every column is numeric) with the rows actually used. */
    private static Disclosure facts(Disclosure schema, NumericRows rows) {
        return Disclosure.of(rows.count(), 0).withFactorLevels(schema.factorLevels()).withRowsUsed(rows.rows());
    }
}
