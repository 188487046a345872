package org.medfed.methods.cox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.error.MedfedException;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.SurvivalFormula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of a Cox job. Rounds: the schema handshake (with the strata labels when the
 * pooled baseline has {@code strata()}), the setup (rows, events, covariate sums; the distinct
 * event times for the pooled baseline), for the pooled baseline the events per grid time, then
 * one partial-likelihood evaluation per Newton iteration ({@link CoxNewton}) until coxph's
 * stopping rule holds.
 */
final class CoxHub implements HubHalf {
    private enum Phase { SCHEMA, SETUP, EVENTS, ITERATE, CONCORDANCE }

    private final CoxParameters parameters;
    private final JobContext context;
    private final SurvivalFormula formula;
    private final List<String> warnings = new ArrayList<>();
    private Phase phase = Phase.SCHEMA;
    private int round;
    private List<String> terms;
    private int p;
    private List<String> strata = List.of();
    private final Map<String, Integer> rowsBySite = new LinkedHashMap<>();
    private final Map<String, Integer> droppedBySite = new LinkedHashMap<>();
    private final Map<String, Double> timeSteps = new LinkedHashMap<>();
    private double nEvents;
    private double[] mean;
    private double[] sumXEvents;
    private int[] gridStart;
    private double[] gridTimes;
    private double[] deaths;
    private int[] tied;
    private int nTied;
    private CoxNewton newton;
    private boolean converged;
    /** Covariance of the centred covariates at the first event time (packed), for the concordance bins. */
    private double[] covariance;
    private int bins;

    CoxHub(CoxParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = SurvivalFormula.parse(parameters.formula());
    }

    private boolean pooled() {
        return !parameters.stratifyBySite();
    }

    @Override
    public Step start() {
        List<Quantity> releases = new ArrayList<>(FrameRound.releases(formula.covariates()));
        releases.add(CoxSteps.timeStep());
        if (pooled() && !formula.strataColumns().isEmpty()) {
            releases.add(CoxSteps.strataUnion());
        }
        return next(FrameRound.STEP, Payload.EMPTY, releases);
    }

    @Override
    public Step next(Aggregate a) {
        return switch (phase) {
            case SCHEMA -> afterSchema(a);
            case SETUP -> afterSetup(a);
            case EVENTS -> afterEvents(a);
            case ITERATE -> afterIterate(a);
            case CONCORDANCE -> finish(pooled() ? binned(a) : Concordance.Counts.of(a.sum(CoxSteps.CONCORDANCE_SUMS)).result());
        };
    }

    private Step next(String step, Payload parameters, List<Quantity> releases) {
        return new Step.Next(Request.toAll(round++, step, parameters, releases));
    }

    private Step afterSchema(Aggregate a) {
        FrameSpec spec = FrameRound.harmonize(formula.covariates(), a, parameters.levels());
        a.perSite(CoxSteps.TIME_STEP).forEach((site, v) -> timeSteps.put(site, v[0]));
        DesignLayout layout = DesignLayout.of(formula.covariates(), spec.levels(), spec.numericVariables());
        List<String> names = layout.columnNames();
        terms = List.copyOf(names.subList(1, names.size()));
        p = terms.size();
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        if (pooled() && !formula.strataColumns().isEmpty()) {
            strata = List.copyOf(a.union(CoxSteps.STRATA));
            b.put(CoxSteps.STRATUM_LABELS, strata);
        }
        phase = Phase.SETUP;
        return next(CoxSteps.SETUP, b.build(), CoxSteps.setupReleases(p, pooled()));
    }

    private Step afterSetup(Aggregate a) {
        a.perSite(CoxSteps.ROWS).forEach((site, v) -> rowsBySite.put(site, (int) v[0]));
        a.perSite(CoxSteps.ROWS_DROPPED).forEach((site, v) -> droppedBySite.put(site, (int) v[0]));
        long n = rowsBySite.values().stream().mapToLong(Integer::longValue).sum();
        nEvents = a.scalar(CoxSteps.EVENT_COUNT);
        if (nEvents == 0) {
            throw new MedfedException("cox: no events (status = 1) among the " + n + " rows used at "
                    + String.join(", ", rowsBySite.keySet()) + "; the partial likelihood is empty");
        }
        double[] sumX = a.sum(CoxSteps.SUM_X);
        mean = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = sumX[j] / n;
        }
        sumXEvents = a.sum(CoxSteps.SUM_X_EVENTS);
        newton = new CoxNewton(p, parameters.epsilon(), parameters.maxit());
        if (!pooled()) {
            phase = Phase.ITERATE;
            return iterate();
        }
        buildGrid(a.union(CoxSteps.EVENT_TIMES));
        phase = Phase.EVENTS;
        double[] start = new double[gridStart.length];
        for (int s = 0; s < start.length; s++) {
            start[s] = gridStart[s];
        }
        return next(CoxSteps.EVENTS, Payload.builder().put(CoxSteps.GRID_TIMES, gridTimes).put(CoxSteps.GRID_START, start)
                .build(), CoxSteps.eventsReleases(gridTimes.length));
    }

    /** The shared grid from the union of "stratum:time" labels: per stratum, ascending times. */
    private void buildGrid(java.util.SortedSet<String> labels) {
        int strataCount = Math.max(1, strata.size());
        List<TreeMap<Double, Boolean>> perStratum = new ArrayList<>();
        for (int s = 0; s < strataCount; s++) {
            perStratum.add(new TreeMap<>());
        }
        for (String label : labels) {
            int colon = label.indexOf(':');
            int s = Integer.parseInt(label.substring(0, colon));
            perStratum.get(s).put(Double.parseDouble(label.substring(colon + 1)), Boolean.TRUE);
        }
        gridStart = new int[strataCount + 1];
        for (int s = 0; s < strataCount; s++) {
            gridStart[s + 1] = gridStart[s] + perStratum.get(s).size();
        }
        gridTimes = new double[gridStart[strataCount]];
        int k = 0;
        for (TreeMap<Double, Boolean> m : perStratum) {
            for (double t : m.keySet()) {
                gridTimes[k++] = t;
            }
        }
    }

    private Step afterEvents(Aggregate a) {
        deaths = a.sum(CoxSteps.DEATHS);
        tied = new int[deaths.length];
        nTied = 0;
        for (int k = 0; k < deaths.length; k++) {
            tied[k] = parameters.efron() && deaths[k] >= 2 ? nTied++ : -1;
        }
        phase = Phase.ITERATE;
        return iterate();
    }

    private Step iterate() {
        Payload.Builder b = Payload.builder().put(CoxSteps.BETA, newton.point()).put(CoxSteps.MEAN, mean);
        if (!pooled()) {
            return next(CoxSteps.ITERATE, b.build(), CoxSteps.stratifiedIterateReleases(p));
        }
        double[] tiedTimes = new double[nTied];
        for (int k = 0; k < tied.length; k++) {
            if (tied[k] >= 0) {
                tiedTimes[tied[k]] = k;
            }
        }
        b.put(CoxSteps.TIED_TIMES, tiedTimes);
        return next(CoxSteps.ITERATE, b.build(), CoxSteps.pooledIterateReleases(p, gridTimes.length, nTied));
    }

    private Step afterIterate(Aggregate a) {
        double[] beta = newton.point();
        RiskSets.Value v;
        if (pooled()) {
            RiskSets.Sums sums = new RiskSets.Sums(a.sum(CoxSteps.RISK0), a.sum(CoxSteps.RISK1), a.sum(CoxSteps.RISK2),
                    a.sum(CoxSteps.TIED0), a.sum(CoxSteps.TIED1), a.sum(CoxSteps.TIED2));
            double[] zEvents = new double[p];
            double etaEvents = 0;
            for (int j = 0; j < p; j++) {
                zEvents[j] = sumXEvents[j] - nEvents * mean[j];
                etaEvents += beta[j] * zEvents[j];
            }
            v = RiskSets.evaluate(p, gridStart, deaths, tied, sums, parameters.efron(), etaEvents, zEvents);
            if (covariance == null) {
                covariance = firstRoundCovariance(sums);
            }
        } else {
            v = new RiskSets.Value(a.scalar(CoxSteps.LOGLIK), a.sum(CoxSteps.SCORE), a.sum(CoxSteps.INFORMATION));
        }
        CoxNewton.Status status = newton.observe(v.loglik(), v.score(), v.information());
        if (status == CoxNewton.Status.CONTINUE) {
            return iterate();
        }
        if (status == CoxNewton.Status.MAX_ITERATIONS && parameters.maxit() > 0) {
            warnings.add("Ran out of iterations and did not converge");
        }
        converged = status == CoxNewton.Status.CONVERGED;
        phase = Phase.CONCORDANCE;
        Payload.Builder b = Payload.builder().put(CoxSteps.BETA, newton.estimate()).put(CoxSteps.MEAN, mean);
        if (!pooled()) {
            return next(CoxSteps.CONCORDANCE, b.build(), CoxSteps.concordanceReleases());
        }
        // Pairs cross sites here: exact counts would need every site's scores at every event time, so binned ones.
        bins = BinnedConcordance.bins(gridTimes.length);
        double sd = Math.sqrt(quadratic(newton.estimate()));
        b.put(CoxSteps.SCALE, sd > 0 && Double.isFinite(sd) ? sd : 1).put(CoxSteps.BINS, bins);
        return next(CoxSteps.CONCORDANCE, b.build(), CoxSteps.binnedConcordanceReleases(gridTimes.length, bins));
    }

    /**
     * From the first round (β = 0, every exp(η) = 1): the second moments of the centred covariates
     * over the rows at risk at the first event time of their stratum, packed; the scale of the
     * concordance bins.
     */
    private double[] firstRoundCovariance(RiskSets.Sums sums) {
        int q = RiskSets.packed(p);
        double count = 0;
        double[] covariance = new double[q];
        for (int k = 0; k < sums.risk0().length; k++) {
            count += sums.risk0()[k];
            for (int c = 0; c < q; c++) {
                covariance[c] += sums.risk2()[k * q + c];
            }
        }
        for (int c = 0; c < q; c++) {
            covariance[c] /= count;
        }
        return covariance;
    }

    /** βᵀ Σ β with the covariance of the first round: the variance of the linear predictor. */
    private double quadratic(double[] beta) {
        double s = 0;
        int c = 0;
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                s += (i == j ? 1 : 2) * beta[i] * covariance[c++] * beta[j];
            }
        }
        return s;
    }

    private CoxConcordance binned(Aggregate a) {
        BinnedConcordance.Estimate e = BinnedConcordance.estimate(gridStart, a.sum(CoxSteps.SCORE_ROWS),
                a.sum(CoxSteps.SCORE_EVENTS), bins);
        return new CoxConcordance(e.concordance(), Double.NaN, e.concordantSure(), e.discordantSure(), e.sameBinPairs(),
                e.tiedOnTime(), Double.NaN, e.errorBound(), e.bins());
    }

    private Step finish(CoxConcordance concordance) {
        return new Step.Done(CoxResult.of(parameters, formula, terms, newton, converged, rowsBySite, droppedBySite,
                (long) nEvents, strata, timeSteps, warnings, concordance, context));
    }
}
