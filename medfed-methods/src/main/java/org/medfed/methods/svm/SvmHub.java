package org.medfed.methods.svm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.FactorLevels;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.admm.AdmmControl;
import org.medfed.methods.admm.ConsensusHub;
import org.medfed.methods.admm.ConsensusSteps;
import org.medfed.methods.admm.Solution;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of an svm job. Rounds: the schema handshake (which also fixes the response's two
 * classes), the start round (row counts, and with standardization the column sums and squares
 * that give the working coordinates), the consensus ADMM rounds (the engine's, with the penalty
 * ½||w||² as a quadratic in working coordinates; with a gap tolerance also the sums that give the
 * duality gap at each consensus), and one evaluation round at the answer (the final consensus,
 * or with a gap tolerance the best one the certificate is about: the hinge loss and, when asked
 * for, the correctly classified rows, both summed over sites).
 */
final class SvmHub implements HubHalf {
    private enum Phase { SCHEMA, START, ADMM, EVALUATE }

    private final SvmParameters parameters;
    private final JobContext context;
    private final SvmModel model;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private Phase phase = Phase.SCHEMA;
    private int round;
    private FrameSpec frame;
    private List<String> classes;
    private List<String> terms;
    private int biasIndex;
    private int p;
    private WorkingCoordinates coordinates;
    private QuadraticPenalty penalty;
    private ConsensusHub engine;
    private Solution solution;
    /** The best primal and dual seen over the ADMM rounds (used only with a gap tolerance). */
    private DualCertificate certificate;
    /** The certificate so far: the best consensus's objective against the best dual bound; null without a gap tolerance. */
    private DualityGap gap;
    /** Whether the gap, not the residuals, ended the ADMM. */
    private boolean certified;

    SvmHub(SvmParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.model = SvmModel.of(parameters.formula());
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
            case ADMM -> afterAdmm(a);
            case EVALUATE -> afterEvaluate(a);
        };
    }

    private Step next(String step, Payload payload, List<Quantity> releases) {
        return new Step.Next(Request.toAll(round++, step, payload, releases));
    }

    private Step afterSchema(Aggregate a) {
        FrameSpec spec = FrameRound.harmonize(model.schema(), a, parameters.levels());
        classes = classes(spec.levels().of(model.responseKey()));
        Map<String, List<String>> all = new LinkedHashMap<>(spec.levels().levels());
        all.put(model.responseKey(), classes);
        frame = new FrameSpec(spec.numericVariables(), new FactorLevels(all));
        DesignLayout layout = DesignLayout.of(model.design(), frame.levels(), frame.numericVariables());
        terms = layout.columnNames();
        p = layout.width();
        if (p == 0) {
            throw new MedfedException("svm: the model has no coefficients (empty right-hand side without intercept)");
        }
        biasIndex = terms.indexOf("(Intercept)");
        if (parameters.warmStart() != null && !parameters.warmStart().terms().equals(terms)) {
            throw new MedfedException("svm: the warm start" + source() + " is a fit of the terms "
                    + parameters.warmStart().terms() + ", but this model's terms are " + terms
                    + " (the formula and the factor levels present must match)");
        }
        Payload.Builder b = Payload.builder().put(SvmSteps.CLASSES, classes);
        frame.writeTo(b);
        phase = Phase.START;
        return next(SvmSteps.START, b.build(), SvmSteps.startReleases(p, parameters.standardize()));
    }

    private String source() {
        String s = parameters.warmStart().source();
        return s == null ? "" : " (" + s + ")";
    }

    /** The response's two classes, the negative (−1) first; refuses anything but two. */
    private List<String> classes(List<String> present) {
        String response = model.response();
        if (present.size() != 2) {
            throw new MedfedException("svm needs a binary outcome (0/1 or two levels): " + response + " has "
                    + present.size() + " level" + (present.size() == 1 ? "" : "s") + " among the complete rows of all sites"
                    + (present.isEmpty() ? "" : " (" + String.join(", ", present) + ")"));
        }
        String positive = parameters.positive() == null ? present.get(1) : parameters.positive();
        if (!present.contains(positive)) {
            throw new MedfedException("svm: the positive level '" + positive + "' (--positive) is not a level of "
                    + response + " (levels: " + String.join(", ", present) + ")");
        }
        if (parameters.warmStart() != null && parameters.warmStart().positive() != null
                && !parameters.warmStart().positive().equals(positive)) {
            throw new MedfedException("svm: the warm start" + source() + " codes '" + parameters.warmStart().positive()
                    + "' as +1, this fit codes '" + positive + "' (use --positive to match)");
        }
        String negative = present.get(0).equals(positive) ? present.get(1) : present.get(0);
        return List.of(negative, positive);
    }

    private Step afterStart(Aggregate a) {
        a.perSite(SvmSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
        a.perSite(SvmSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
        if (parameters.standardize()) {
            double n = rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
            coordinates = WorkingCoordinates.standardized(biasIndex, parameters.bias(), a.sum(SvmSteps.COLUMN_SUMS),
                    a.sum(SvmSteps.COLUMN_SQUARES), n);
        } else {
            coordinates = WorkingCoordinates.plain(p, biasIndex, parameters.bias());
        }
        penalty = new QuadraticPenalty(coordinates.penaltyMatrix(), p);
        certificate = new DualCertificate(penalty);
        engine = new ConsensusHub(control(), p);
        double[] z0 = parameters.warmStart() == null ? new double[p]
                : coordinates.working(parameters.warmStart().estimates());
        phase = Phase.ADMM;
        return next(SvmSteps.ADMM, engine.start(z0, withCoordinates()).build(), admmReleases());
    }

    /** What an ADMM round releases: the engine's sums, and the gap's when certifying. */
    private List<Quantity> admmReleases() {
        return SvmSteps.admmReleases(p, certifying(), engine.anderson());
    }

    /** Whether the sites release the sums of the duality gap: only when the analyst asked for a gap tolerance. */
    private boolean certifying() {
        return parameters.gapTolerance() > 0;
    }

    /** The analyst's ADMM control; a warm start resumes the previous fit's final ρ unless the analyst chose one. */
    private AdmmControl control() {
        AdmmControl c = parameters.admm();
        SvmParameters.WarmStart ws = parameters.warmStart();
        if (ws == null || !(ws.rho() > 0) || c.rho() > 0) {
            return c;
        }
        return c.withRho(ws.rho());
    }

    private Payload.Builder withCoordinates() {
        return Payload.builder().put(SvmSteps.CENTRE, coordinates.centre()).put(SvmSteps.SCALE, coordinates.scale());
    }

    private Step afterAdmm(Aggregate a) {
        if (certifying()) {
            double[] z = engine.consensus();
            gap = certificate.add(a.scalar(ConsensusSteps.LOSS) + penalty.value(z), z, a.scalar(SvmSteps.DUAL_SUM),
                    a.sum(SvmSteps.DUAL_DIRECTION));
            certified = gap.relative() <= parameters.gapTolerance();
        }
        ConsensusHub.Progress progress = engine.next(a, penalty, withCoordinates(), certified);
        if (progress instanceof ConsensusHub.Progress.Continue c) {
            return next(SvmSteps.ADMM, c.request().build(), admmReleases());
        }
        solution = ((ConsensusHub.Progress.Finished) progress).solution();
        if (certifying()) {
            // The certificate is about the best consensus seen, which the evaluation round then describes.
            double[] best = certificate.bestConsensus();
            double objective = certificate.bestPrimal();
            solution = solution.at(best, objective - penalty.value(best), objective);
        }
        if (!solution.converged()) {
            warnings.add("ADMM did not converge in " + solution.iterations() + " rounds (primal residual "
                    + solution.primalResidual() + ", dual residual " + solution.dualResidual()
                    + "); raise --max-iterations or loosen --eps-abs/--eps-rel, or try --standardize");
        }
        phase = Phase.EVALUATE;
        return next(SvmSteps.EVALUATE, Payload.builder().put(SvmSteps.WEIGHTS, solution.z()).build(),
                SvmSteps.evaluateReleases(parameters.accuracy()));
    }

    private Step afterEvaluate(Aggregate a) {
        double hinge = a.scalar(SvmSteps.HINGE);
        double correct = parameters.accuracy() ? a.scalar(SvmSteps.CORRECT) : Double.NaN;
        double[] z = solution.z();
        return new Step.Done(SvmResult.of(parameters, model, frame, classes, terms, coordinates.estimates(z),
                coordinates.liblinearWeights(z), hinge, penalty.value(z), correct, solution, gap, certified, rowsBySite,
                droppedBySite, warnings, context));
    }
}
