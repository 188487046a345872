package org.medfed.methods.multinom;

import java.util.List;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.FactorLevels;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.ModelRounds;

/**
 * The site half of a multinom job: builds the local design and the response's level index once
 * (kept in site state, never released) and answers each round with the gradient, information
 * matrix and deviance summed over its rows.
 */
final class MultinomSite implements SiteHalf {
    private static final String DESIGN = "multinom.design";
    private static final String CLASSES = "multinom.classes";

    private final MultinomModel model;

    MultinomSite(MultinomParameters parameters) {
        this.model = MultinomModel.of(parameters.formula());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            Contribution schema = FrameRound.answer(model.schema(), null, data);
            ModelRounds.keepLevels(state, schema);
            return schema;
        }
        Payload values = switch (request.step()) {
            case MultinomSteps.START -> start(request, data, state);
            case MultinomSteps.ITERATE -> evaluate(request, state, Payload.builder()).build();
            default -> throw new IllegalStateException("multinom site: unknown step " + request.step());
        };
        Design d = state.get(DESIGN, Design.class);
        Disclosure facts = ModelRounds.disclosure(state, d);
        if (request.step().equals(MultinomSteps.START)) {
            // The start round releases the rows per response level: its smallest non-zero count is a cell.
            facts = facts.withSmallestCell(smallestNonZero(values.number(MultinomSteps.LEVEL_COUNTS)));
        }
        return new Contribution(values, facts);
    }

    private static int smallestNonZero(double[] counts) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double c : counts) {
            if (c > 0) {
                smallest = Math.min(smallest, c);
            }
        }
        return smallest == Double.POSITIVE_INFINITY ? 0 : (int) smallest;
    }

    private Payload start(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        List<String> responseLevels = spec.levels().of(model.responseKey());
        Table table = data.table();
        Column response = table.column(model.response());
        boolean[] keep = new boolean[table.rowCount()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = (data.keep() == null || data.keep()[i]) && !response.isMissing(i);
        }
        Design d = spec.design(table, model.design(), keep);
        if (d.rowsUsed() == 0) {
            throw new DataException(table.location(), "no usable rows: every row has a missing value in "
                    + String.join(", ", model.formula().variables()) + " or is outside the row filter (--where)");
        }
        int[] sourceRows = d.sourceRows();
        int[] classes = new int[sourceRows.length];
        double[] counts = new double[responseLevels.size()];
        for (int i = 0; i < sourceRows.length; i++) {
            String label = response instanceof TextColumn t ? t.get(sourceRows[i])
                    : FactorLevels.numberLabel(((NumericColumn) response).get(sourceRows[i]));
            classes[i] = responseLevels.indexOf(label);
            if (classes[i] < 0) {
                throw new DataException(table.locate(sourceRows[i], model.response()),
                        "response level '" + label + "' is not among the job's levels " + responseLevels);
            }
            counts[classes[i]]++;
        }
        state.put(DESIGN, d);
        state.put(CLASSES, classes);
        // Rows dropped: complete in the filter but missing in the response or a predictor.
        int kept = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (data.keep() == null || data.keep()[i]) {
                kept++;
            }
        }
        Payload.Builder b = Payload.builder()
                .put(MultinomSteps.ROWS, d.rowsUsed())
                .put(MultinomSteps.ROWS_DROPPED, kept - d.rowsUsed())
                .put(MultinomSteps.LEVEL_COUNTS, counts);
        return evaluate(request, state, b).build();
    }

    /**
     * The sums at the requested coefficients. With π_k the fitted probability of non-reference
     * level k and y_k its indicator: gradient block k is Σ x (y_k − π_k); information block (k, l)
     * is Σ x xᵀ π_k (δ_kl − π_l); the deviance is −2 Σ log π_y. Probabilities use the
     * max-shifted softmax so that large linear predictors do not overflow.
     */
    private static Payload.Builder evaluate(Request request, SiteState state, Payload.Builder out) {
        Design d = state.get(DESIGN, Design.class);
        int[] classes = state.get(CLASSES, int[].class);
        double[] beta = request.parameters().number(MultinomSteps.BETA);
        double[][] x = d.x();
        int p = x.length;
        int m = beta.length / p;
        int q = m * p;
        int n = d.rowsUsed();
        double[] gradient = new double[q];
        double[] information = new double[q * q];
        double deviance = 0;
        double[] eta = new double[m];
        double[] pi = new double[m];
        double[] xi = new double[p];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p; a++) {
                xi[a] = x[a][i];
            }
            double shift = 0;
            for (int k = 0; k < m; k++) {
                double e = 0;
                for (int a = 0; a < p; a++) {
                    e += beta[k * p + a] * xi[a];
                }
                eta[k] = e;
                shift = Math.max(shift, e);
            }
            double denominator = Math.exp(-shift);
            for (int k = 0; k < m; k++) {
                denominator += Math.exp(eta[k] - shift);
            }
            double logDenominator = Math.log(denominator);
            for (int k = 0; k < m; k++) {
                pi[k] = Math.exp(eta[k] - shift - logDenominator);
            }
            int y = classes[i];
            deviance -= 2 * ((y == 0 ? 0 : eta[y - 1]) - shift - logDenominator);
            for (int k = 0; k < m; k++) {
                double residual = (y == k + 1 ? 1 : 0) - pi[k];
                for (int a = 0; a < p; a++) {
                    gradient[k * p + a] += xi[a] * residual;
                }
                for (int l = 0; l < m; l++) {
                    double w = pi[k] * ((k == l ? 1 : 0) - pi[l]);
                    for (int a = 0; a < p; a++) {
                        double wa = w * xi[a];
                        int row = (k * p + a) * q + l * p;
                        for (int b = 0; b < p; b++) {
                            information[row + b] += wa * xi[b];
                        }
                    }
                }
            }
        }
        return out.put(MultinomSteps.GRADIENT, gradient)
                .put(MultinomSteps.INFORMATION, information)
                .put(MultinomSteps.DEVIANCE, deviance);
    }
}
