package org.medfed.methods.cox;

import java.util.ArrayList;
import java.util.List;
import org.medfed.method.Quantity;

/**
 * The names of the Cox model's rounds and of every quantity a site may release in them — the
 * complete list of what leaves a site in a Cox job. Shared by both halves so that the
 * declarations and the computation cannot drift apart.
 */
final class CoxSteps {
    /** Rows, events, covariate sums (both variants); the distinct event times (pooled baseline). */
    static final String SETUP = "setup";
    /** Events per time of the shared grid (pooled baseline). */
    static final String EVENTS = "events";
    /** One evaluation of the partial likelihood at the hub's β. */
    static final String ITERATE = "iterate";
    /** Concordance counts at the estimate (stratified by site: every stratum lies within one site). */
    static final String CONCORDANCE = "concordance";

    static final String STRATA = "cox.strata";
    /** The step each site coarsened its time column to when it loaded the data (0: none), schema round. */
    static final String TIME_STEP = "time_step";
    static final String ROWS = "rows";
    static final String ROWS_DROPPED = "rows_dropped";
    static final String EVENT_COUNT = "events";
    static final String SUM_X = "sum_x";
    static final String SUM_X_EVENTS = "sum_x_events";
    static final String EVENT_TIMES = "event_times";
    static final String DEATHS = "deaths_per_time";
    static final String RISK0 = "risk_sum_exp";
    static final String RISK1 = "risk_sum_x_exp";
    static final String RISK2 = "risk_sum_xx_exp";
    static final String TIED0 = "tied_sum_exp";
    static final String TIED1 = "tied_sum_x_exp";
    static final String TIED2 = "tied_sum_xx_exp";
    static final String LOGLIK = "loglik";
    static final String SCORE = "score";
    static final String INFORMATION = "information";
    static final String CONCORDANCE_SUMS = "concordance_sums";
    static final String SCORE_ROWS = "score_bins_per_time";
    static final String SCORE_EVENTS = "event_score_bins_per_time";
    static final String SCALE = "score_scale";
    static final String BINS = "score_bins";

    /** Request parameters. */
    static final String STRATUM_LABELS = "strata";
    static final String GRID_TIMES = "grid_times";
    static final String GRID_START = "grid_start";
    static final String TIED_TIMES = "tied_times";
    static final String BETA = "beta";
    static final String MEAN = "mean";

    private CoxSteps() {
    }

    static Quantity timeStep() {
        return Quantity.perSite(TIME_STEP, "the step the site rounds its times up to (0: exact times)", 1);
    }

    static Quantity strataUnion() {
        return Quantity.union(STRATA, "labels of the strata present among complete rows");
    }

    static List<Quantity> setupReleases(int p, boolean pooled) {
        List<Quantity> q = new ArrayList<>();
        q.add(Quantity.perSite(ROWS, "number of rows used (complete cases)"));
        q.add(Quantity.perSite(ROWS_DROPPED, "number of rows dropped for missing values"));
        q.add(Quantity.sum(EVENT_COUNT, "number of events"));
        q.add(Quantity.sum(SUM_X, "column sums of the covariates (for centring)", p));
        q.add(Quantity.sum(SUM_X_EVENTS, "column sums of the covariates over rows with an event", p));
        if (pooled) {
            q.add(Quantity.union(EVENT_TIMES, "distinct event times per stratum (reveals event times)"));
        }
        return q;
    }

    static List<Quantity> eventsReleases(int grid) {
        return List.of(Quantity.sum(DEATHS, "number of events at each time of the shared grid", grid));
    }

    static List<Quantity> pooledIterateReleases(int p, int grid, int tied) {
        int q = RiskSets.packed(p);
        List<Quantity> out = new ArrayList<>();
        out.add(Quantity.sum(RISK0, "sum of exp(linear predictor) over rows leaving the risk set at each grid time", grid));
        out.add(Quantity.sum(RISK1, "sum of x exp(linear predictor) over rows leaving the risk set at each grid time", grid, p));
        out.add(Quantity.sum(RISK2, "sum of x x' exp(linear predictor) (upper triangle) over rows leaving the risk set at each grid time", grid, q));
        out.add(Quantity.sum(TIED0, "sum of exp(linear predictor) over the events at each tied grid time (Efron)", tied));
        out.add(Quantity.sum(TIED1, "sum of x exp(linear predictor) over the events at each tied grid time (Efron)", tied, p));
        out.add(Quantity.sum(TIED2, "sum of x x' exp(linear predictor) (upper triangle) over the events at each tied grid time (Efron)", tied, q));
        return out;
    }

    static List<Quantity> concordanceReleases() {
        return List.of(Quantity.sum(CONCORDANCE_SUMS, "pair counts within the site's strata at the estimate (concordant, "
                + "discordant, tied on score, tied on time, tied on both) and the sums over rows of D², D·T and T² of each "
                + "row's concordant-minus-discordant (D) and comparable (T) pairs, for the standard error", Concordance.Counts.LENGTH));
    }

    static List<Quantity> binnedConcordanceReleases(int grid, int bins) {
        return List.of(
                Quantity.sum(SCORE_ROWS, "per grid time, rows leaving the risk set at that time by bin of their risk score", grid, bins),
                Quantity.sum(SCORE_EVENTS, "per grid time, events at that time by bin of their risk score", grid, bins));
    }

    static List<Quantity> stratifiedIterateReleases(int p) {
        List<Quantity> out = new ArrayList<>();
        out.add(Quantity.sum(LOGLIK, "the site's log partial likelihood (its own strata) at the current coefficients"));
        out.add(Quantity.sum(SCORE, "the site's score vector at the current coefficients", p));
        out.add(Quantity.sum(INFORMATION, "the site's information matrix at the current coefficients", p, p));
        return out;
    }
}
