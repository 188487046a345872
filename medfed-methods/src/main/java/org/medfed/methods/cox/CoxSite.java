package org.medfed.methods.cox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.DesignLayout;
import org.medfed.formula.ModelFrame;
import org.medfed.formula.SurvivalFormula;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.survival.SurvivalRows;

/**
 * The site half of a Cox job: builds the local survival frame once (kept in site state, never
 * released) and answers each round with sums over its rows. With the pooled baseline it releases
 * its distinct event times once and then, per round, slot sums on the hub's shared grid; stratified
 * by site it evaluates its own strata's partial likelihood and releases only the three sums.
 */
final class CoxSite implements SiteHalf {
    private static final String FRAME = "cox.frame";
    private static final String LEVELS = "cox.factorLevels";
    private static final String GRID = "cox.grid";

    private final CoxParameters parameters;
    private final SurvivalFormula formula;

    CoxSite(CoxParameters parameters) {
        this.parameters = parameters;
        this.formula = SurvivalFormula.parse(parameters.formula());
    }

    /** The rows this site models, as the rounds use them; never released. */
    record Frame(double[][] x, double[] time, boolean[] event, int[] stratum, int strata, BitSet rowsUsed,
                 int dropped) {
        int rows() {
            return time.length;
        }
    }

    /** A grid of event times with each row's slot (shared with the hub, or the site's own). */
    record Grid(int[] start, double[] times, int[] slot, double[] deaths, int[] tied, int nTied) {
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            return schema(request, data, state);
        }
        Contribution c = switch (request.step()) {
            case CoxSteps.SETUP -> setup(request, data, state);
            case CoxSteps.EVENTS -> events(request, state);
            case CoxSteps.ITERATE -> iterate(request, state);
            case CoxSteps.CONCORDANCE -> concordance(request, state);
            default -> throw new IllegalStateException("cox site: unknown step " + request.step());
        };
        // Every pooled-design round after the schema is resolved by event time (the grid itself,
        // then counts and sums per grid time): a site's policy may refuse that. The stratified
        // design's sums are over the site's own risk sets and name no time.
        return pooled() ? c.withDisclosure(c.disclosure().withEventTimes()) : c;
    }

    private boolean pooled() {
        return !parameters.stratifyBySite();
    }

    private Contribution schema(Request request, SiteData data, SiteState state) {
        SurvivalRows survival = survivalRows(data);
        boolean[] present = mask(data.table().rowCount(), survival.rows());
        Contribution schema = FrameRound.answer(formula.covariates(), null, new SiteData(data.site(), data.table(), present));
        state.put(LEVELS, schema.disclosure().factorLevels());
        Payload.Builder b = Payload.builder();
        schema.values().numbers().forEach(b::put);
        schema.values().labels().forEach(b::put);
        b.put(CoxSteps.TIME_STEP, survival.timeStep());
        if (request.release(CoxSteps.STRATA) == null) {
            return new Contribution(b.build(), schema.disclosure());
        }
        String[] labels = formula.strataLabels(data.table());
        BitSet complete = schema.disclosure().rowsUsed();
        TreeSet<String> strataPresent = new TreeSet<>();
        for (int i = complete.nextSetBit(0); i >= 0; i = complete.nextSetBit(i + 1)) {
            strataPresent.add(labels[i]);
        }
        b.put(CoxSteps.STRATA, new ArrayList<>(strataPresent));
        Map<String, Integer> levels = new LinkedHashMap<>(schema.disclosure().factorLevels());
        levels.put("strata", strataPresent.size());
        return new Contribution(b.build(), schema.disclosure().withFactorLevels(levels));
    }

    private Contribution setup(Request request, SiteData data, SiteState state) {
        Table table = data.table();
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        DesignLayout layout = DesignLayout.of(formula.covariates(), spec.levels(), spec.numericVariables());
        SurvivalRows survival = survivalRows(data);
        Design d = ModelFrame.build(table, formula.covariates(), layout, spec.levels(), spec.numericVariables(), null,
                mask(table.rowCount(), survival.rows()));
        int kept = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            if (data.keep() == null || data.keep()[i]) {
                kept++;
            }
        }
        int n = d.rowsUsed();
        if (n == 0) {
            throw new DataException(table.location(), kept == 0 ? "no usable rows: no row passes the row filter (--where)"
                    : "no usable rows: all " + kept + " rows have a missing value in " + String.join(", ", formula.variables()));
        }
        double[][] x = Arrays.copyOfRange(d.x(), 1, d.x().length);
        int p = x.length;
        int[] rows = d.sourceRows();
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        alignToDesign(survival, rows, time, event);
        int[] stratum = new int[n];
        int strata = 1;
        if (!formula.strataColumns().isEmpty()) {
            String[] labels = formula.strataLabels(table);
            Map<String, Integer> index = new HashMap<>();
            if (pooled()) {
                List<String> shared = request.parameters().label(CoxSteps.STRATUM_LABELS);
                for (int k = 0; k < shared.size(); k++) {
                    index.put(shared.get(k), k);
                }
                strata = shared.size();
            } else {
                TreeSet<String> local = new TreeSet<>();
                for (int r : rows) {
                    local.add(labels[r]);
                }
                for (String l : local) {
                    index.put(l, index.size());
                }
                strata = index.size();
            }
            for (int i = 0; i < n; i++) {
                Integer k = index.get(labels[rows[i]]);
                if (k == null) {
                    throw new IllegalStateException("cox site: stratum " + labels[rows[i]] + " not in the hub's strata");
                }
                stratum[i] = k;
            }
        }
        Frame frame = new Frame(x, time, event, stratum, strata, Disclosure.rowsOf(rows), kept - n);
        state.put(FRAME, frame);

        double[] sumX = new double[p];
        double[] sumXEvents = new double[p];
        int events = 0;
        for (int j = 0; j < p; j++) {
            double[] c = x[j];
            for (int i = 0; i < n; i++) {
                sumX[j] += c[i];
                if (event[i]) {
                    sumXEvents[j] += c[i];
                }
            }
        }
        for (boolean e : event) {
            events += e ? 1 : 0;
        }
        Payload.Builder b = Payload.builder()
                .put(CoxSteps.ROWS, n)
                .put(CoxSteps.ROWS_DROPPED, frame.dropped())
                .put(CoxSteps.EVENT_COUNT, events)
                .put(CoxSteps.SUM_X, sumX)
                .put(CoxSteps.SUM_X_EVENTS, sumXEvents);
        Disclosure facts = modelDisclosure(state, p);
        if (pooled()) {
            TreeMap<String, Integer> perTime = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                if (event[i]) {
                    perTime.merge(timeLabel(stratum[i], time[i]), 1, Integer::sum);
                }
            }
            b.put(CoxSteps.EVENT_TIMES, new ArrayList<>(perTime.keySet()));
            facts = withSmallest(facts, perTime.values().stream().mapToInt(Integer::intValue).toArray());
        } else {
            state.put(GRID, localGrid(frame));
            facts = withSmallest(facts, new int[] {events});
        }
        return new Contribution(b.build(), facts);
    }

    /**
     * The rows with a usable time and status (and strata), read as km reads them: negative or
     * infinite times and a status outside 0/1 or TRUE/FALSE are refused, naming the row. The
     * design is built over these rows only, so that a time the table holds as text that reads as
     * NA (R's {@code as.numeric}) drops its row from the design too.
     */
    private SurvivalRows survivalRows(SiteData data) {
        boolean[] present = formula.survivalRowsPresent(data.table(), data.keep());
        return SurvivalRows.read(data.table(), formula.timeColumn(), formula.statusColumn(), present);
    }

    private static boolean[] mask(int tableRows, int[] rows) {
        boolean[] m = new boolean[tableRows];
        for (int r : rows) {
            m[r] = true;
        }
        return m;
    }

    /**
     * Copies the time and status of each design row: the design's rows are the survival rows less
     * those with a missing covariate, both in table order, so one pass matches them.
     */
    private static void alignToDesign(SurvivalRows survival, int[] designRows, double[] time, boolean[] event) {
        int[] rows = survival.rows();
        int k = 0;
        for (int i = 0; i < designRows.length; i++) {
            while (k < rows.length && rows[k] < designRows[i]) {
                k++;
            }
            if (k == rows.length || rows[k] != designRows[i]) {
                throw new IllegalStateException("cox site: design row " + designRows[i] + " has no survival time");
            }
            time[i] = survival.time()[k];
            event[i] = survival.event()[k];
        }
    }

    /** A grid label: stratum index and the time, written so that it reads back as the same double. */
    static String timeLabel(int stratum, double time) {
        return stratum + ":" + time;
    }

    /** The site's own grid (stratified by site): every local stratum's distinct event times. */
    private Grid localGrid(Frame f) {
        // Sorting the events by (stratum, time) once keeps this linear in the strata, whatever their number.
        int events = 0;
        for (boolean e : f.event()) {
            events += e ? 1 : 0;
        }
        double[][] pairs = new double[events][];
        for (int i = 0, k = 0; i < f.rows(); i++) {
            if (f.event()[i]) {
                pairs[k++] = new double[] {f.stratum()[i], f.time()[i]};
            }
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int[] start = new int[f.strata() + 1];
        double[] times = new double[events];
        int g = 0;
        for (int k = 0; k < events; k++) {
            if (k > 0 && pairs[k][0] == pairs[k - 1][0] && pairs[k][1] == pairs[k - 1][1]) {
                continue;
            }
            times[g++] = pairs[k][1];
            start[(int) pairs[k][0] + 1]++;
        }
        for (int s = 0; s < f.strata(); s++) {
            start[s + 1] += start[s];
        }
        times = Arrays.copyOf(times, g);
        int[] slot = RiskSets.slots(f.time(), f.stratum(), times, start);
        double[] deaths = deaths(f, slot, times.length);
        int[] tied = new int[times.length];
        int nTied = 0;
        for (int k = 0; k < times.length; k++) {
            tied[k] = parameters.efron() && deaths[k] >= 2 ? nTied++ : -1;
        }
        return new Grid(start, times, slot, deaths, tied, nTied);
    }

    private static double[] deaths(Frame f, int[] slot, int grid) {
        double[] d = new double[grid];
        for (int i = 0; i < f.rows(); i++) {
            if (f.event()[i]) {
                d[slot[i]]++;
            }
        }
        return d;
    }

    private Contribution events(Request request, SiteState state) {
        Frame f = state.get(FRAME, Frame.class);
        double[] times = request.parameters().number(CoxSteps.GRID_TIMES);
        int[] start = Arrays.stream(request.parameters().number(CoxSteps.GRID_START)).mapToInt(v -> (int) v).toArray();
        int[] slot = RiskSets.slots(f.time(), f.stratum(), times, start);
        double[] deaths = deaths(f, slot, times.length);
        state.put(GRID, new Grid(start, times, slot, deaths, null, 0));
        return new Contribution(Payload.builder().put(CoxSteps.DEATHS, deaths).build(),
                withSmallest(modelDisclosure(state, f.x().length), smallestCounts(f, slot, deaths)));
    }

    /** The site's counts behind the pooled sums: events per grid time and rows per slot. */
    private static int[] smallestCounts(Frame f, int[] slot, double[] deaths) {
        int[] rowsPerSlot = new int[deaths.length];
        for (int s : slot) {
            if (s >= 0) {
                rowsPerSlot[s]++;
            }
        }
        int[] all = new int[deaths.length * 2];
        for (int k = 0; k < deaths.length; k++) {
            all[k] = (int) deaths[k];
            all[deaths.length + k] = rowsPerSlot[k];
        }
        return all;
    }

    private Contribution iterate(Request request, SiteState state) {
        Frame f = state.get(FRAME, Frame.class);
        Grid g = state.get(GRID, Grid.class);
        double[] beta = request.parameters().number(CoxSteps.BETA);
        double[] mean = request.parameters().number(CoxSteps.MEAN);
        int p = f.x().length;
        if (pooled()) {
            double[] tiedTimes = request.parameters().number(CoxSteps.TIED_TIMES);
            int[] tied = new int[g.times().length];
            Arrays.fill(tied, -1);
            for (int t = 0; t < tiedTimes.length; t++) {
                tied[(int) tiedTimes[t]] = t;
            }
            RiskSets.Sums s = RiskSets.accumulate(f.x(), mean, beta, g.slot(), f.event(), tied, g.times().length,
                    tiedTimes.length);
            Payload values = Payload.builder()
                    .put(CoxSteps.RISK0, s.risk0()).put(CoxSteps.RISK1, s.risk1()).put(CoxSteps.RISK2, s.risk2())
                    .put(CoxSteps.TIED0, s.tied0()).put(CoxSteps.TIED1, s.tied1()).put(CoxSteps.TIED2, s.tied2())
                    .build();
            return new Contribution(values, withSmallest(modelDisclosure(state, p), smallestCounts(f, g.slot(), g.deaths())));
        }
        RiskSets.Sums s = RiskSets.accumulate(f.x(), mean, beta, g.slot(), f.event(), g.tied(), g.times().length, g.nTied());
        double etaEvents = 0;
        double[] zEvents = new double[p];
        for (int i = 0; i < f.rows(); i++) {
            if (f.event()[i]) {
                for (int j = 0; j < p; j++) {
                    double z = f.x()[j][i] - mean[j];
                    zEvents[j] += z;
                    etaEvents += beta[j] * z;
                }
            }
        }
        RiskSets.Value v = RiskSets.evaluate(p, g.start(), g.deaths(), g.tied(), s, parameters.efron(), etaEvents, zEvents);
        Payload values = Payload.builder()
                .put(CoxSteps.LOGLIK, v.loglik())
                .put(CoxSteps.SCORE, v.score())
                .put(CoxSteps.INFORMATION, v.information())
                .build();
        return new Contribution(values, modelDisclosure(state, p));
    }

    /** Concordance counts over the site's own strata (site-stratified), or its binned risk scores per grid time (pooled). */
    private Contribution concordance(Request request, SiteState state) {
        Frame f = state.get(FRAME, Frame.class);
        double[] beta = request.parameters().number(CoxSteps.BETA);
        double[] mean = request.parameters().number(CoxSteps.MEAN);
        int p = f.x().length;
        double[] lp = new double[f.rows()];
        for (int i = 0; i < lp.length; i++) {
            double eta = 0;
            for (int j = 0; j < p; j++) {
                eta += beta[j] * (f.x()[j][i] - mean[j]);
            }
            lp[i] = eta;
        }
        if (pooled()) {
            Grid g = state.get(GRID, Grid.class);
            int bins = (int) request.parameters().scalar(CoxSteps.BINS);
            double[][] h = BinnedConcordance.histograms(g.slot(), f.event(), lp, request.parameters().scalar(CoxSteps.SCALE),
                    g.times().length, bins);
            int[] cells = new int[h[0].length];
            for (int k = 0; k < cells.length; k++) {
                cells[k] = (int) h[0][k];
            }
            return new Contribution(Payload.builder().put(CoxSteps.SCORE_ROWS, h[0]).put(CoxSteps.SCORE_EVENTS, h[1]).build(),
                    withSmallest(modelDisclosure(state, p), cells));
        }
        Concordance.Counts counts = Concordance.of(f.time(), f.event(), f.stratum(), f.strata(), lp);
        return new Contribution(Payload.builder().put(CoxSteps.CONCORDANCE_SUMS, counts.toArray()).build(),
                modelDisclosure(state, p));
    }

    /**
     * What every model round declares: the complete rows it summarizes, the number of
     * coefficients, the factor levels among those rows and which rows (for the differencing guard).
     */
    private static Disclosure modelDisclosure(SiteState state, int p) {
        Frame f = state.get(FRAME, Frame.class);
        @SuppressWarnings("unchecked")
        Map<String, Integer> levels = state.has(LEVELS) ? state.get(LEVELS, Map.class) : Map.of();
        return Disclosure.of(f.rows(), p).withFactorLevels(levels).withRowsUsed(f.rowsUsed());
    }

    /** The facts with the smallest non-zero count among {@code counts} (zero counts identify no one). */
    private static Disclosure withSmallest(Disclosure facts, int[] counts) {
        OptionalInt smallest = Arrays.stream(counts).filter(c -> c > 0).min();
        return smallest.isPresent() ? facts.withSmallestCell(smallest.getAsInt()) : facts;
    }
}
