package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.methods.describe.ColumnSummary;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.describe.SummaryResult;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.methods.describe.TableResult;
import org.medfed.site.CellSuppressionAttack;
import org.medfed.site.ReleasePolicy;
import org.medfed.site.ReleaseRecord;

/**
 * Tables and factor level counts under real site policies in the simulator. Three sites of 30
 * rows; {@code grp} is a/b/c with, at site1 only, a single row of level c, and {@code out}
 * crosses it (yes/no). Under the default policy site1's gate suppresses that cell and what
 * protects it; the pooled table marks those cells, leaves their counts unknown and the tests out.
 * With {@code small_cells: refuse} site1 refuses, as before suppression existed.
 */
class TableSuppressionTest {
    @TempDir
    Path dir;

    /** site1: a 14 (yes 6, no 8), b 15 (yes 7, no 8), c 1 (yes); site2, site3: a 10, b 10, c 10 (half yes). */
    private Map<String, Path> sites() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int s = 1; s <= 3; s++) {
            StringBuilder csv = new StringBuilder("grp,out\n");
            if (s == 1) {
                rows(csv, "a", 6, 8);
                rows(csv, "b", 7, 8);
                rows(csv, "c", 1, 0);
            } else {
                for (String g : List.of("a", "b", "c")) {
                    rows(csv, g, 5, 5);
                }
            }
            Path f = dir.resolve("site" + s + ".csv");
            Files.writeString(f, csv);
            files.put("site" + s, f);
        }
        return files;
    }

    private static void rows(StringBuilder csv, String group, int yes, int no) {
        for (int i = 0; i < yes; i++) {
            csv.append(group).append(",yes\n");
        }
        for (int i = 0; i < no; i++) {
            csv.append(group).append(",no\n");
        }
    }

    private Simulator simulator(ReleasePolicy site1) throws Exception {
        Map<String, ReleasePolicy> p = new LinkedHashMap<>();
        p.put("site1", site1);
        p.put("site2", ReleasePolicy.defaults());
        p.put("site3", ReleasePolicy.defaults());
        return Simulator.load(sites()).withPolicies(p);
    }

    private static double[] released(Simulation sim, String site, String name) {
        List<ReleaseRecord> r = sim.releases().get(site).stream().filter(x -> x.name().equals(name)).toList();
        assertEquals(1, r.size(), site + " " + name);
        return r.get(0).numbers();
    }

    @Test
    void aTwoWayTableWithACellOfOneIsReleasedWithThatCellAndItsComplementsSuppressed() throws Exception {
        Simulation sim = simulator(ReleasePolicy.defaults()).run(new TableMethod(), TableParameters.twoWay("grp", "out"),
                null);
        TableResult t = (TableResult) sim.result();
        assertEquals(List.of("a", "b", "c"), t.rows());
        assertEquals(List.of("no", "yes"), t.cols());
        // site1, rows a/b/c x cols no/yes: {8, 6, 8, 7, 0, 1}. The 1 at (c, yes); its row's other
        // cell (c, no) is 0, hidden as the row's complement; its column's smallest other, (a, yes) = 6;
        // then row a needs a second: (a, no) = 8. Column no now holds (a, no) and (c, no): protected.
        double[] counts = released(sim, "site1", "counts");
        double[] flags = released(sim, "site1", "suppressed");
        assertEquals(List.of(1.0, 1.0, 0.0, 0.0, 1.0, 1.0), List.of(flags[0], flags[1], flags[2], flags[3], flags[4],
                flags[5]));
        assertEquals(List.of(0.0, 0.0, 8.0, 7.0, 0.0, 0.0), List.of(counts[0], counts[1], counts[2], counts[3],
                counts[4], counts[5]));
        assertTrue(Arrays.stream(released(sim, "site2", "suppressed")).allMatch(x -> x == 0));
        // Pooled: b is complete; a and c are unknown.
        assertEquals(18, t.count(1, 0));
        assertEquals(17, t.count(1, 1));
        assertTrue(Double.isNaN(t.count(2, 1)));
        assertTrue(Double.isNaN(t.count(0, 0)));
        assertEquals(35, t.n(), "rows in released cells");
        assertNull(t.tests().chisq());
        assertNull(t.tests().fisher());
        assertTrue(t.tests().notes().get(0).contains("suppressed"), t.tests().notes().toString());
        JsonNode json = t.toJson();
        JsonNode table = json.path("table");
        assertTrue(table.path("counts").get(2).get(1).isNull(), table.toString());
        assertEquals(18, table.path("counts").get(1).get(0).asInt());
        assertTrue(table.path("suppressed").get(2).get(1).asBoolean());
        assertTrue(table.path("suppressed").get(0).get(0).asBoolean());
        assertFalse(table.path("suppressed").get(1).get(0).asBoolean());
        assertTrue(json.path("tests").path("chisq").isNull(), json.path("tests").toString());
        String text = t.toText();
        assertTrue(text.contains("*") && text.contains("suppressed at one or more sites"), text);
    }

    @Test
    void refusePolicyRefusesTheTableAsBefore() throws Exception {
        MedfedException e = assertThrows(MedfedException.class, () -> simulator(
                ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE))
                .run(new TableMethod(), TableParameters.twoWay("grp", "out"), null));
        assertTrue(e.getMessage().contains("site1") && e.getMessage().contains("a released count of 1 < 3")
                && e.getMessage().contains("small_cells: refuse"), e.getMessage());
    }

    @Test
    void aOneWayTableHidesTheSmallLevelAndTheNextSmallest() throws Exception {
        Simulation sim = simulator(ReleasePolicy.defaults()).run(new TableMethod(), TableParameters.oneWay("grp"), null);
        TableResult t = (TableResult) sim.result();
        // site1: a 14, b 15, c 1 -> c and a (the smallest other) hidden: n - b leaves 15 rows in two levels.
        assertEquals(List.of(1.0, 0.0, 1.0), Arrays.stream(released(sim, "site1", "suppressed")).boxed().toList());
        assertTrue(Double.isNaN(t.count(0, 0)) && Double.isNaN(t.count(2, 0)));
        assertEquals(35, t.count(1, 0));
        assertNull(t.tests().chisq());
    }

    @Test
    void summaryLevelCountsAreSuppressedLikeTableCells() throws Exception {
        Simulation sim = simulator(ReleasePolicy.defaults()).run(new SummaryMethod(), SummaryParameters.of("grp"), null);
        SummaryResult r = (SummaryResult) sim.result();
        ColumnSummary grp = r.column("grp");
        assertEquals(90, grp.n(), "n is released whole");
        assertTrue(grp.levels().get(2).suppressed() && Double.isNaN(grp.levels().get(2).count()));
        assertTrue(grp.levels().get(0).suppressed(), "the complement: n minus b would give c's 1");
        assertEquals(35, grp.levels().get(1).count());
        assertFalse(grp.levels().get(1).suppressed());
        JsonNode level = r.toJson().path("columns").get(0).path("levels").get(2);
        assertTrue(level.path("count").isNull() && level.path("suppressed").asBoolean(), level.toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("level counts")), r.notes().toString());
        assertTrue(r.toText().contains("*"), r.toText());
        MedfedException e = assertThrows(MedfedException.class, () -> simulator(
                ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE))
                .run(new SummaryMethod(), SummaryParameters.of("grp"), null));
        assertTrue(e.getMessage().contains("small_cells: refuse"), e.getMessage());
    }

    @Test
    void theSuppressedCountCannotBeRecoveredFromTheJobsOtherReleases() throws Exception {
        // The attacker holds everything site1 released in the job plus its n (from a summary of
        // the same rows) and, worst case, its row and column totals (from one-way tables).
        Simulation sim = simulator(ReleasePolicy.defaults()).run(new TableMethod(), TableParameters.twoWay("grp", "out"),
                null);
        double[] released = released(sim, "site1", "counts");
        double[] flags = released(sim, "site1", "suppressed");
        double[] truth = {8, 6, 8, 7, 0, 1};
        boolean[] hidden = new boolean[truth.length];
        double n = 0;
        for (int i = 0; i < truth.length; i++) {
            hidden[i] = flags[i] == 1;
            n += truth[i];
            assertEquals(hidden[i] ? 0 : truth[i], released[i], "cell " + i);
        }
        // n minus the released cells is the hidden group's size: at least min_cell_count.
        double visible = Arrays.stream(released).sum();
        assertTrue(n - visible >= 3, "hidden group of " + (n - visible));
        CellSuppressionAttack.assertNotRecoverable(truth, hidden, 3, 2);
    }
}
