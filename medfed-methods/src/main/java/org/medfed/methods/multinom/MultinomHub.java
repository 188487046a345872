package org.medfed.methods.multinom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.FactorLevels;
import org.medfed.linalg.PivotedCholesky;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of a multinom job. Rounds: the schema handshake (which also fixes the response's
 * levels and the baseline), the start round at β = 0 (row and level counts, first sums), then one
 * evaluation per Newton iteration. A step that raises the deviance is halved back towards the
 * last accepted coefficients; the fit stops when no step component exceeds
 * {@code epsilon·(1 + |β|)}, and the covariance is the inverse information at that estimate.
 */
final class MultinomHub implements HubHalf {
    private enum Phase { SCHEMA, START, ITERATE }

    private static final int MAX_HALVINGS = 30;

    private final MultinomParameters parameters;
    private final JobContext context;
    private final MultinomModel model;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private Phase phase = Phase.SCHEMA;
    private int round;
    private FrameSpec frame;
    private List<String> levels;
    private List<String> terms;
    private int p;
    private int q;
    private double[] beta;
    private double[] accepted;
    private double acceptedDeviance = Double.NaN;
    private int halvings;
    private int iterations;
    private double[] levelCounts;

    MultinomHub(MultinomParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.model = MultinomModel.of(parameters.formula());
    }

    @Override
    public Step start() {
        return next(FrameRound.STEP, Payload.EMPTY, FrameRound.releases(model.schema()));
    }

    @Override
    public Step next(Aggregate a) {
        return switch (phase) {
            case SCHEMA -> afterSchema(a);
            case START -> afterStart(a);
            case ITERATE -> afterIterate(a);
        };
    }

    private Step next(String step, Payload payload, List<org.medfed.method.Quantity> releases) {
        return new Step.Next(Request.toAll(round++, step, payload, releases));
    }

    private Step afterSchema(Aggregate a) {
        // The analyst names the response by its column; the schema formula knows it as factor(y).
        Map<String, List<String>> given = new LinkedHashMap<>();
        parameters.levels().forEach((key, lv) -> given.put(key.equals(model.response()) ? model.responseKey() : key, lv));
        FrameSpec spec = FrameRound.harmonize(model.schema(), a, given);
        List<String> present = spec.levels().of(model.responseKey());
        List<String> empty = new ArrayList<>(given.getOrDefault(model.responseKey(), List.of()));
        empty.removeAll(present);
        if (!empty.isEmpty()) {
            // nnet::multinom drops empty response groups with this warning; so does this.
            warnings.add("group(s) " + String.join(" ", empty) + " are empty");
        }
        levels = orderResponseLevels(present);
        Map<String, List<String>> all = new LinkedHashMap<>(spec.levels().levels());
        all.put(model.responseKey(), levels);
        frame = new FrameSpec(spec.numericVariables(), new FactorLevels(all));
        DesignLayout layout = DesignLayout.of(model.design(), frame.levels(), frame.numericVariables());
        terms = layout.columnNames();
        p = layout.width();
        if (p == 0) {
            throw new MedfedException("multinom: the model has no coefficients (empty right-hand side without intercept)");
        }
        q = (levels.size() - 1) * p;
        beta = new double[q];
        Payload.Builder b = Payload.builder().put(MultinomSteps.BETA, beta);
        frame.writeTo(b);
        phase = Phase.START;
        return next(MultinomSteps.START, b.build(), MultinomSteps.startReleases(levels.size(), q));
    }

    /** The response's levels with the baseline first; refuses a response that does not vary. */
    private List<String> orderResponseLevels(List<String> present) {
        String response = model.response();
        if (present.size() < 2) {
            throw new MedfedException("multinom: the response " + response + " needs at least 2 levels among the complete "
                    + "rows of all sites, found " + present.size() + (present.isEmpty() ? "" : " (" + present.get(0) + ")"));
        }
        List<String> ordered = new ArrayList<>(present);
        String reference = parameters.reference();
        if (reference != null) {
            if (!ordered.remove(reference)) {
                throw new MedfedException("multinom: reference level '" + reference + "' of " + response
                        + " has no rows at any site (levels present: " + String.join(", ", present) + ")");
            }
            ordered.add(0, reference);
        }
        return List.copyOf(ordered);
    }

    private Step afterStart(Aggregate a) {
        a.perSite(MultinomSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
        a.perSite(MultinomSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
        levelCounts = a.sum(MultinomSteps.LEVEL_COUNTS);
        for (int k = 0; k < levels.size(); k++) {
            if (levelCounts[k] == 0) {
                throw new MedfedException("multinom: level '" + levels.get(k) + "' of " + model.response()
                        + " has no rows at any site");
            }
        }
        long n = rowsBySite.values().stream().mapToLong(Integer::longValue).sum();
        if (q > n) {
            throw new MedfedException("multinom: more parameters (" + q + ") than rows (" + n
                    + ") over all sites; the model cannot be estimated");
        }
        phase = Phase.ITERATE;
        return afterIterate(a);
    }

    private Step afterIterate(Aggregate a) {
        double deviance = a.scalar(MultinomSteps.DEVIANCE);
        if (accepted != null && !(deviance <= acceptedDeviance + 1e-12 * Math.abs(acceptedDeviance))) {
            // The full Newton step overshot: halve it back towards the accepted coefficients.
            if (++halvings > MAX_HALVINGS) {
                throw new MedfedException("multinom: cannot decrease the deviance after " + MAX_HALVINGS
                        + " step halvings (iteration " + iterations + ")");
            }
            for (int j = 0; j < q; j++) {
                beta[j] = (beta[j] + accepted[j]) / 2;
            }
            return iterate();
        }
        halvings = 0;
        accepted = beta.clone();
        acceptedDeviance = deviance;
        double[] information = a.sum(MultinomSteps.INFORMATION);
        PivotedCholesky chol = PivotedCholesky.decompose(information, q);
        if (chol.rank() < q) {
            throw new MedfedException("multinom: the information matrix is singular (rank " + chol.rank() + " of " + q
                    + "): a predictor is constant or collinear, or a level is perfectly separated");
        }
        double[] step = chol.solve(a.sum(MultinomSteps.GRADIENT));
        boolean small = true;
        for (int j = 0; j < q; j++) {
            small &= Math.abs(step[j]) <= parameters.epsilon() * (1 + Math.abs(beta[j]));
        }
        if (small) {
            return finish(chol, deviance, true);
        }
        if (iterations >= parameters.maxit()) {
            warnings.add("multinom: Newton-Raphson did not converge in " + parameters.maxit() + " iterations");
            return finish(chol, deviance, false);
        }
        for (int j = 0; j < q; j++) {
            beta[j] += step[j];
        }
        iterations++;
        return iterate();
    }

    private Step iterate() {
        return next(MultinomSteps.ITERATE, Payload.builder().put(MultinomSteps.BETA, beta).build(),
                MultinomSteps.iterateReleases(q));
    }

    private Step finish(PivotedCholesky information, double deviance, boolean converged) {
        return new Step.Done(MultinomResult.of(parameters, model, levels, terms, beta, information.inverse(), deviance,
                converged, iterations, levelCounts, rowsBySite, droppedBySite, warnings, frame, context));
    }
}
