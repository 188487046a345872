package org.medfed.methods.storedmodel;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.FactorLevels;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.formula.SiteSchema;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.evaluation.EvaluationSite;
import org.medfed.methods.evaluation.EvaluationSteps;
import org.medfed.methods.evaluation.Scores;
import org.medfed.methods.glm.GlmFamily;
import org.medfed.methods.glm.Prediction;

/**
 * The site half of a stored model's evaluation: rebuilds the model's design from the site's rows
 * with the model's own level orders (kept in site state, never released), computes the rows'
 * fitted probabilities at the stored coefficients and hands them to the evaluation's site half.
 */
final class EvaluateSite implements SiteHalf {
    private static final String DISCLOSURE = "evaluate.disclosure";

    private final EvaluateParameters parameters;
    private final StoredModel model;
    private final Formula formula;

    EvaluateSite(EvaluateParameters parameters) {
        this.parameters = parameters;
        this.model = parameters.model();
        this.formula = Formula.parse(model.formula());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(EvaluateSteps.PREPARE)) {
            return prepare(data, state);
        }
        if (EvaluationSteps.isEvaluationStep(request.step())) {
            return new EvaluationSite(parameters.evaluation()).answer(request, state.get(DISCLOSURE, Disclosure.class), state);
        }
        throw new IllegalStateException("evaluate site: unknown step " + request.step());
    }

    private Contribution prepare(SiteData data, SiteState state) {
        Table table = data.table();
        for (String column : formula.variables()) {
            if (!table.hasColumn(column)) {
                throw new DataException(table.location().withColumn(column), "the model (" + model.formula()
                        + ") needs column '" + column + "', which this site's data does not have (columns are: "
                        + String.join(", ", table.columnNames()) + ")");
            }
        }
        SiteSchema schema = SiteSchema.probe(table, formula, null, data.keep());
        schema.levelsPresent().forEach((key, present) -> {
            List<String> known = model.levels().getOrDefault(key, List.of());
            for (String level : present) {
                if (!known.contains(level)) {
                    throw new DataException(table.location().withColumn(key), "level '" + level + "' of " + key
                            + " is not one of the model's levels (" + String.join(", ", known)
                            + "): the model has no coefficient for it");
                }
            }
        });
        FactorLevels levels = new FactorLevels(model.levels());
        LinkedHashSet<String> numeric = new LinkedHashSet<>(model.numeric());
        DesignLayout layout = DesignLayout.of(formula, levels, numeric);
        if (!layout.columnNames().equals(model.terms())) {
            throw new org.medfed.error.UsageException("model " + model.source() + ": its terms (" + String.join(", ",
                    model.terms()) + ") are not the design its formula and levels build (" + String.join(", ",
                    layout.columnNames()) + ")");
        }
        Design d = ModelFrame.build(table, formula, layout, levels, numeric, null, data.keep());
        if (d.y() == null) {
            throw new DataException(table.location(), "the model's formula has no response (left-hand side)");
        }
        if (d.rowsUsed() == 0) {
            throw new DataException(table.location(), d.rowsDropped() == 0
                    ? "no usable rows: no row passes the row filter (--where)"
                    : "no usable rows: all " + d.rowsDropped() + " rows have a missing value in "
                            + String.join(", ", formula.variables()));
        }
        double[] y = d.y();
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new DataException(table.locate(d.sourceRows()[i], formula.responseLabel()),
                        "model evaluation needs a 0/1 outcome, found " + y[i]);
            }
        }
        double[] fitted = Prediction.fitted(GlmFamily.named(model.family()), d, model.coefficients());
        EvaluationSite.remember(state, new Scores(fitted, y.clone()));

        Map<String, Integer> levelCounts = new LinkedHashMap<>();
        schema.levelsPresent().forEach((key, present) -> levelCounts.put(key, present.size()));
        BitSet rowsUsed = Disclosure.rowsOf(d.sourceRows());
        Disclosure disclosure = Disclosure.of(d.rowsUsed(), d.columnNames().size()).withFactorLevels(levelCounts)
                .withRowsUsed(rowsUsed);
        state.put(DISCLOSURE, disclosure);
        return new Contribution(Payload.builder().put(EvaluateSteps.ROWS, d.rowsUsed())
                .put(EvaluateSteps.ROWS_DROPPED, d.rowsDropped()).build(), disclosure);
    }
}
