package org.medfed.methods.pca;

import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The site half of a PCA job: the schema round over the rows complete in every column, then their
 * count and column sums, then — around the hub's global means — their centred cross-products. The
 * values stay in site state between the passes and never leave the site.
 */
final class PcaSite implements SiteHalf {
    private static final String ROWS = "pca.rows";

    private final PcaParameters parameters;

    PcaSite(PcaParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(PcaSteps.formula(parameters.columns()), data, state);
            case PcaSteps.MOMENTS -> moments(request, data, state);
            case PcaSteps.CROSS -> crossProducts(request, state);
            default -> throw new IllegalStateException("pca site: unknown step " + request.step());
        };
    }

    private Contribution moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Disclosure schema = FrameRound.kept(state);
        PcaRows rows = PcaRows.read(data.table(), parameters.columns(), spec, schema.rowsUsed());
        state.put(ROWS, rows);
        double[] sums = new double[parameters.columns().size()];
        for (int k = 0; k < sums.length; k++) {
            for (double v : rows.values()[k]) {
                sums[k] += v;
            }
        }
        // The count of rows is a released count: the minimum-cell rule reads it too.
        Disclosure d = facts(schema, rows).withSmallestCell(rows.count());
        return new Contribution(Payload.builder().put(PcaSteps.N, new double[] {rows.count()})
                .put(PcaSteps.SUM, sums).build(), d);
    }

    private Contribution crossProducts(Request request, SiteState state) {
        double[] mean = request.parameters().number(PcaSteps.MEAN);
        PcaRows rows = state.get(ROWS, PcaRows.class);
        double[][] v = rows.values();
        int k = v.length;
        double[][] centred = new double[k][];
        for (int a = 0; a < k; a++) {
            centred[a] = v[a].clone();
            for (int i = 0; i < centred[a].length; i++) {
                centred[a][i] -= mean[a];
            }
        }
        double[] packed = new double[PcaSteps.packed(k)];
        int e = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int i = 0; i < centred[a].length; i++) {
                    s += centred[a][i] * centred[b][i];
                }
                packed[e++] = s;
            }
        }
        return new Contribution(Payload.builder().put(PcaSteps.CROSS_PRODUCTS, packed).build(),
                facts(FrameRound.kept(state), rows));
    }

    /** The schema's facts (factor levels: none, every column is numeric) with the rows actually used. */
    private static Disclosure facts(Disclosure schema, PcaRows rows) {
        return Disclosure.of(rows.count(), 0).withFactorLevels(schema.factorLevels()).withRowsUsed(rows.rows());
    }
}
