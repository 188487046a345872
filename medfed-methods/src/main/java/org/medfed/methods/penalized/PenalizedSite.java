package org.medfed.methods.penalized;

import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.Formula;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.admm.ConsensusSite;
import org.medfed.methods.admm.LocalSolver;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.ModelRounds;

/**
 * The site half: builds the local design once and summarizes it in one pass (gaussian: the full
 * cross-product matrix, after which the rows are never read again), then answers each ADMM round
 * with its proximal step. Its local solution and dual stay in site state; only sums leave.
 */
final class PenalizedSite implements SiteHalf {
    private static final String DESIGN = "penalized.design";
    private static final String MOMENTS = "penalized.moments";
    private static final String SOLVER = "penalized.solver";
    private static final String ADMM = "penalized.admm";

    private final String method;
    private final PenalizedParameters parameters;
    private final Formula formula;

    PenalizedSite(String method, PenalizedParameters parameters) {
        this.method = method;
        this.parameters = parameters;
        this.formula = Formula.parse(parameters.formula());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            Contribution schema = FrameRound.answer(formula, null, data);
            ModelRounds.keepLevels(state, schema);
            return schema;
        }
        Payload values = switch (request.step()) {
            case PenalizedSteps.MOMENTS -> moments(request, data, state);
            case PenalizedSteps.NULL_SCORE -> nullScore(request, state);
            case PenalizedSteps.ADMM -> admm(request, state);
            default -> throw new IllegalStateException(method + " site: unknown step " + request.step());
        };
        return new Contribution(values, disclosure(state));
    }

    /** Every model round summarizes the same complete rows for the same columns (as the GLM's rounds). */
    private static Disclosure disclosure(SiteState state) {
        return ModelRounds.disclosure(state, state.get(DESIGN, Design.class));
    }

    private Payload moments(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Design d = spec.design(data.table(), formula, data.keep());
        validate(data, d);
        state.put(DESIGN, d);
        LocalMoments m = LocalMoments.of(momentColumns(d), d.rowsUsed(), !parameters.binomial());
        state.put(MOMENTS, m);
        return Payload.builder().put(PenalizedSteps.ROWS, d.rowsUsed()).put(PenalizedSteps.ROWS_DROPPED, d.rowsDropped())
                .put(PenalizedSteps.SUMS, m.sums()).put(PenalizedSteps.SQUARES, m.squares()).build();
    }

    /** The non-intercept design columns, then the response. */
    private double[][] momentColumns(Design d) {
        int off = offset();
        int k = d.x().length - off;
        double[][] cols = new double[k + 1][];
        System.arraycopy(d.x(), off, cols, 0, k);
        cols[k] = d.y();
        return cols;
    }

    /** 1 where the design's first column is the (unpenalized) intercept, else 0. */
    private int offset() {
        return formula.hasIntercept() ? 1 : 0;
    }

    private Scaling scaling(Payload r, int p) {
        double[] center = r.number(PenalizedSteps.CENTER);
        int k = p - offset();
        double[] x = new double[k];
        System.arraycopy(center, 0, x, 0, k);
        return new Scaling(x, r.number(PenalizedSteps.SCALE), parameters.binomial() ? 0 : center[k],
                r.scalar(PenalizedSteps.N), formula.hasIntercept());
    }

    /**
     * Σ x̃_j (y − ŷ₀) with ŷ₀ the null model's fitted value (ȳ with an intercept, 0 for gaussian and
     * 1/2 for binomial without one): from the cross-products (gaussian, no pass over the rows), or
     * one pass (binomial).
     */
    private Payload nullScore(Request request, SiteState state) {
        Design d = state.get(DESIGN, Design.class);
        int p = d.x().length;
        int off = offset();
        int k = p - off;
        Scaling s = scaling(request.parameters(), p);
        double[] score = new double[k];
        if (!parameters.binomial()) {
            double[] cross = state.get(MOMENTS, LocalMoments.class).shifted(s);
            for (int j = 0; j < k; j++) {
                score[j] = cross[(j + off) * (p + 1) + p];
            }
        } else {
            double[] y = d.y();
            double fitted = request.parameters().scalar(PenalizedSteps.Y_MEAN);
            for (int j = 0; j < k; j++) {
                double[] c = d.x()[j + off];
                double m = s.center()[j];
                double sum = 0;
                for (int i = 0; i < y.length; i++) {
                    sum += (c[i] - m) * (y[i] - fitted);
                }
                score[j] = sum / s.scale()[j];
            }
        }
        return Payload.builder().put(PenalizedSteps.SCORE, score).build();
    }

    private Payload admm(Request request, SiteState state) {
        Design d = state.get(DESIGN, Design.class);
        int p = d.x().length;
        if (!state.has(SOLVER)) {
            Scaling scaling = scaling(request.parameters(), p);
            state.put(SOLVER, solver(d, state.get(MOMENTS, LocalMoments.class), scaling));
            state.put(ADMM, new ConsensusSite(p));
        }
        return state.get(ADMM, ConsensusSite.class)
                .answer(request.parameters(), state.get(SOLVER, LocalSolver.class), Payload.builder()).build();
    }

    private LocalSolver solver(Design d, LocalMoments m, Scaling s) {
        int p = d.x().length;
        if (!parameters.binomial()) {
            return new GaussianSolver(m.shifted(s), p, s.n());
        }
        // The working design: one standardized copy of the columns (binomial rounds read the rows each time).
        int rows = d.rowsUsed();
        int off = s.offset();
        double[][] x = new double[p][];
        if (off == 1) {
            x[0] = new double[rows];
            java.util.Arrays.fill(x[0], 1);
        }
        for (int j = off; j < p; j++) {
            double[] c = d.x()[j];
            double[] w = new double[rows];
            double mean = s.center()[j - off];
            double inv = 1 / s.scale()[j - off];
            for (int i = 0; i < rows; i++) {
                w[i] = (c[i] - mean) * inv;
            }
            x[j] = w;
        }
        return new LogisticSolver(x, d.y(), s.n());
    }

    /** Refuses an empty site and, for the binomial family, any outcome other than 0/1, naming the line. */
    private void validate(SiteData data, Design d) {
        if (d.rowsUsed() == 0 && d.rowsDropped() == 0) {
            throw new DataException(data.table().location(), "no usable rows: no row passes the row filter (--where)");
        }
        if (d.rowsUsed() == 0) {
            throw new DataException(data.table().location(), "no usable rows: all " + d.rowsDropped()
                    + " rows have a missing value in " + String.join(", ", formula.variables()));
        }
        if (parameters.binomial()) {
            double[] y = d.y();
            for (int i = 0; i < y.length; i++) {
                if (y[i] != 0 && y[i] != 1) {
                    throw new DataException(data.table().locate(d.sourceRows()[i], formula.responseLabel()),
                            method + " with family binomial needs a 0/1 outcome, found " + y[i]);
                }
            }
        }
    }
}
