package org.medfed.methods.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.error.UsageException;
import org.medfed.method.Aggregate;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.method.Quantity;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.method.Step;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;

/**
 * The GLM's evaluation rounds driven through the method's two halves without a runtime, so that
 * every contribution's disclosure facts — what the release gate judges — can be read.
 */
class EvaluationHalvesTest {
    private static final GlmParameters LOGISTIC = GlmParameters.of("y ~ x + z", "binomial")
            .withEvaluation(new EvaluationParameters(4, 1 << 10));

    /** Seeded logistic data: y ~ Bernoulli(expit(-0.5 + x - z/2)). */
    private static Table site(String name, int rows, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows];
        double[] z = new double[rows];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = r.nextGaussian();
            z[i] = r.nextInt(4);
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(-0.5 + x[i] - z[i] / 2))) ? 1 : 0;
        }
        List<Column> columns = List.of(new NumericColumn("x", x), new NumericColumn("z", z), new NumericColumn("y", y));
        return new Table(name, name + ".csv", true, rows, columns);
    }

    private static Map<String, Table> sites() {
        Map<String, Table> t = new LinkedHashMap<>();
        t.put("a", site("a", 60, 1));
        t.put("b", site("b", 45, 2));
        t.put("c", site("c", 30, 3));
        return t;
    }

    /** Every request, and per site every contribution, of one job. */
    private record Run(MethodResult result, List<Request> requests, Map<String, List<Contribution>> contributions) {
    }

    private static Run run(GlmParameters p, Map<String, Table> tables, Map<String, boolean[]> keep) {
        HubHalf hub = new GlmMethod().hub(p, new JobContext(List.copyOf(tables.keySet()), null));
        SiteHalf site = new GlmMethod().site(p);
        Map<String, SiteState> states = new LinkedHashMap<>();
        Map<String, List<Contribution>> contributions = new LinkedHashMap<>();
        tables.keySet().forEach(s -> {
            states.put(s, new SiteState());
            contributions.put(s, new ArrayList<>());
        });
        List<Request> requests = new ArrayList<>();
        Step step = hub.start();
        while (step instanceof Step.Next next) {
            Request request = next.request();
            requests.add(request);
            Map<String, double[]> sums = new LinkedHashMap<>();
            Map<String, Map<String, double[]>> perSite = new LinkedHashMap<>();
            Map<String, SortedSet<String>> unions = new LinkedHashMap<>();
            for (Map.Entry<String, Table> t : tables.entrySet()) {
                Contribution c = site.compute(request, new SiteData(t.getKey(), t.getValue(), keep.get(t.getKey())),
                        states.get(t.getKey()));
                contributions.get(t.getKey()).add(c);
                for (Quantity q : request.releases()) {
                    if (q.aggregation() == Aggregation.SUM) {
                        sums.merge(q.name(), c.values().number(q.name()).clone(), (x, y) -> {
                            for (int i = 0; i < x.length; i++) {
                                x[i] += y[i];
                            }
                            return x;
                        });
                    } else if (q.aggregation() == Aggregation.PER_SITE) {
                        perSite.computeIfAbsent(q.name(), k -> new LinkedHashMap<>()).put(t.getKey(), c.values().number(q.name()));
                    } else {
                        unions.computeIfAbsent(q.name(), k -> new TreeSet<>()).addAll(c.values().label(q.name()));
                    }
                }
            }
            step = hub.next(new Aggregate(request.round(), request.step(), List.copyOf(tables.keySet()), sums, perSite, unions));
        }
        return new Run(((Step.Done) step).result(), requests, contributions);
    }

    @Test
    void everyEvaluationRoundDeclaresTheModelsRowsAndItsCountRoundsTheirSmallestCell() {
        Map<String, Table> tables = sites();
        boolean[] keepA = new boolean[60];
        for (int i = 0; i < 60; i++) {
            keepA[i] = i % 5 != 0; // --where keeps 48 of site a's rows
        }
        Run run = run(LOGISTIC, tables, Map.of("a", keepA));
        Map<String, Integer> rows = Map.of("a", 48, "b", 45, "c", 30);
        List<String> steps = run.requests().stream().map(Request::step).toList();
        assertTrue(steps.containsAll(List.of(EvaluationSteps.START, EvaluationSteps.BISECT, EvaluationSteps.GROUPS)), steps.toString());
        for (String site : tables.keySet()) {
            List<Contribution> cs = run.contributions().get(site);
            BitSet modelRows = cs.get(1).disclosure().rowsUsed(); // the model's first iteration
            for (int r = 0; r < steps.size(); r++) {
                Request request = run.requests().get(r);
                if (!EvaluationSteps.isEvaluationStep(request.step())) {
                    continue;
                }
                Disclosure d = cs.get(r).disclosure();
                assertEquals(rows.get(site), d.rows(), site + " " + request.step() + ": rows");
                assertEquals(3, d.parameters(), site + " " + request.step() + ": the model's parameters");
                assertEquals(modelRows, d.rowsUsed(), site + " " + request.step() + ": rows used");
                request.releases().forEach(q -> assertEquals(Aggregation.SUM, q.aggregation(), q.name()));
                assertEquals(request.step().equals(EvaluationSteps.CALIBRATE), d.smallestCell().isEmpty(),
                        site + " " + request.step() + ": counts declare their smallest cell, sums of values none");
            }
            // The histograms' declared cell is the smallest non-empty bin of either class.
            int start = steps.indexOf(EvaluationSteps.START);
            Contribution c = cs.get(start);
            int smallest = Integer.MAX_VALUE;
            for (String q : List.of(EvaluationSteps.HIST_CASES, EvaluationSteps.HIST_CONTROLS)) {
                for (double v : c.values().number(q)) {
                    if (v > 0) {
                        smallest = Math.min(smallest, (int) v);
                    }
                }
            }
            assertEquals(smallest, c.disclosure().smallestCell().getAsInt(), site);
            double events = 0;
            for (double v : c.values().number(EvaluationSteps.HIST_CASES)) {
                events += v;
            }
            double nonEvents = 0;
            for (double v : c.values().number(EvaluationSteps.HIST_CONTROLS)) {
                nonEvents += v;
            }
            assertEquals(rows.get(site).doubleValue(), events + nonEvents, site + ": every used row in one bin");
        }
        JsonNode e = run.result().toJson().path("evaluation");
        long total = 0;
        for (JsonNode g : e.path("hosmer_lemeshow").path("groups")) {
            total += g.path("n").asLong();
        }
        assertEquals(123, total, "the groups hold every row used");
        assertEquals(2, e.path("hosmer_lemeshow").path("df").asInt());
    }

    @Test
    void anEvaluationStepInAJobWithoutEvaluationIsRefusedAtTheSite() {
        GlmParameters plain = GlmParameters.of("y ~ x", "binomial");
        SiteHalf site = new GlmMethod().site(plain);
        Request rogue = Request.toAll(7, EvaluationSteps.START, org.medfed.method.Payload.EMPTY, List.of());
        assertThrows(IllegalStateException.class, () -> site.compute(rogue, new SiteData("a", site("a", 20, 1), null),
                new SiteState()));
    }

    @Test
    void thresholdsThatAreNotIncreasingWithinTheUnitIntervalAreRefused() {
        SiteState state = new SiteState();
        EvaluationSite.remember(state, new Scores(new double[] {0.2, 0.4, 0.6}, new double[] {0, 1, 1}));
        EvaluationSite site = new EvaluationSite(EvaluationParameters.defaults());
        for (double[] t : new double[][] {{0.5, 0.2}, {0.3, 0.3}, {Double.NaN}, {1.5}}) {
            for (String step : List.of(EvaluationSteps.BISECT, EvaluationSteps.GROUPS)) {
                Request r = Request.toAll(9, step, org.medfed.method.Payload.builder().put(EvaluationSteps.THRESHOLDS, t).build(),
                        List.of());
                assertThrows(IllegalArgumentException.class, () -> site.answer(r, Disclosure.of(3, 1), state), step);
            }
        }
    }

    @Test
    void evaluationIsForBinomialModelsOfOneRowPerOutcome() {
        UsageException gaussian = assertThrows(UsageException.class,
                () -> GlmParameters.of("y ~ x", "gaussian").withEvaluation(EvaluationParameters.defaults()));
        assertTrue(gaussian.getMessage().startsWith("--evaluate needs --family binomial"), gaussian.getMessage());
        UsageException weighted = assertThrows(UsageException.class,
                () -> GlmParameters.of("y ~ x", "binomial").withWeights("w").withEvaluation(EvaluationParameters.defaults()));
        assertTrue(weighted.getMessage().contains("--weights"), weighted.getMessage());
        assertThrows(UsageException.class, () -> new EvaluationParameters(2, 1024));
        assertThrows(UsageException.class, () -> new EvaluationParameters(10, 1000));
    }

    @Test
    void aProportionOutcomeIsRefusedNamingTheRow() {
        Table t = new Table("a", "a.csv", true, 12, List.of(
                new NumericColumn("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                new NumericColumn("y", new double[] {0, 1, 0, 1, 0.5, 1, 0, 1, 0, 0, 1, 1})));
        DataException e = assertThrows(DataException.class,
                () -> run(GlmParameters.of("y ~ x", "binomial").withEvaluation(EvaluationParameters.defaults()),
                        Map.of("a", t), Map.of()));
        assertTrue(e.getMessage().contains("0/1 outcome") && e.getMessage().contains("y"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
