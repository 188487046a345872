package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.analyst.AnalystClient;
import org.medfed.audit.AuditReader;
import org.medfed.audit.AuditRecord;
import org.medfed.audit.AuditVerifier;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.describe.SummaryMethod;
import org.medfed.methods.describe.SummaryParameters;
import org.medfed.methods.describe.TableMethod;
import org.medfed.methods.describe.TableParameters;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.site.ReleasePolicy;
import org.medfed.transport.proto.JobRecord;

/**
 * A curious analyst against sites with the default release policy, over real gRPC: every attack
 * is refused by a site's release gate, naming the site and the rule, and audited there (or, for a
 * small table cell, suppressed there as the policy's {@code small_cells} says); the honest
 * analysis on the same data runs. Each site holds 40 synthetic rows: {@code id} 1..40,
 * {@code age}, a response {@code y}, a binary {@code sex}, a six-level {@code ward}, nine more
 * numeric columns {@code x1..x9}, a per-row {@code patient} code, and {@code flag}, "yes" for
 * row 5 only.
 */
@Timeout(120)
class DisclosureAttackTest {
    private static final List<String> ALL = List.of("site1", "site2", "site3");

    @TempDir
    Path dir;

    private LoopbackConsortium.Builder consortium() throws Exception {
        LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir);
        for (int s = 1; s <= 3; s++) {
            b.site("site" + s, "cohort", write(s));
        }
        return b;
    }

    /** 40 rows; row id 5 is 25 years old at every site, and 20 + (i mod 5) rows per site are under 40. */
    private Path write(int site) throws Exception {
        StringBuilder csv = new StringBuilder("id,age,y,sex,ward,patient,x1,x2,x3,x4,x5,x6,x7,x8,x9,flag\n");
        for (int i = 1; i <= 40; i++) {
            int age = i == 5 ? 25 : 20 + (i * 17 + site * 7) % 45;
            double y = 0.3 * age + ((i * 13 + site * 5) % 11) - 5 + (i % 2) * 1.5;
            csv.append(i).append(',').append(age).append(',').append(String.format(Locale.ROOT, "%.2f", y))
                    .append(',').append(i % 2 == 0 ? "F" : "M").append(",w").append(i % 6)
                    .append(",s").append(site).append('p').append(i);
            for (int k = 1; k <= 9; k++) {
                csv.append(',').append((i * (k + 3) + site * k) % 17);
            }
            csv.append(i == 5 ? ",yes" : ",no").append('\n');
        }
        Path file = dir.resolve("site" + site + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    private static Invocation<?> glm(String formula) {
        return Invocation.of(new GlmMethod(), GlmParameters.of(formula, "gaussian"));
    }

    private static JobRecord run(AnalystClient analyst, String formula, String where, List<String> sites) {
        return analyst.submit(glm(formula), "cohort", where, sites, e -> { });
    }

    private static JobRecord summary(AnalystClient analyst, String where, String... columns) {
        return analyst.submit(Invocation.of(new SummaryMethod(), SummaryParameters.of(columns)), "cohort", where, ALL,
                e -> { });
    }

    private static void assertRefused(JobRecord r, String rule) {
        assertEquals("failed", r.getStatus(), "should have been refused: " + rule);
        assertTrue(r.getError().matches("site site[123] refused: .*"), r.getError());
        assertTrue(r.getError().contains(rule), r.getError());
        assertTrue(r.getResultJson().isEmpty(), "no result for a refused job");
    }

    /** The refusal is in the refusing site's (intact) audit log, and that site released no statistic for the job. */
    private static void assertAudited(LoopbackConsortium c, JobRecord r, String rule) {
        String site = r.getError().substring("site ".length(), r.getError().indexOf(' ', "site ".length()));
        Path log = c.siteConfig(site).auditLog();
        assertTrue(AuditVerifier.verify(log).ok(), site + ": " + AuditVerifier.verify(log).problems());
        List<AuditRecord> records = AuditReader.read(log).stream().filter(x -> r.getJob().equals(x.event().job())).toList();
        AuditRecord refusal = records.stream().filter(x -> (x.event().kind().equals("refusal")
                || x.event().kind().equals("job-refused")) && x.event().reason().contains(rule)).findFirst()
                .orElseThrow(() -> new AssertionError("no audited refusal '" + rule + "' at " + site + ": " + records));
        // Before the refused round only the schema round's names may have left (a model's too many parameters show
        // only once it is built); from the refused round on, nothing.
        assertTrue(records.stream().noneMatch(x -> x.event().kind().equals("release")
                && (x.event().round() >= refusal.event().round() || !"schema".equals(x.event().step()))),
                site + " released for " + r.getJob() + ": " + records);
    }

    @Test
    void glmOverOneRowIsRefusedByMinRows() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord r = run(analyst, "y ~ age", "id == 1", ALL);
            assertRefused(r, "1 row < 10 (policy min_rows) (round 0, schema)");
            assertAudited(c, r, "1 row < 10 (policy min_rows)");
            assertEquals("succeeded", run(analyst, "y ~ age", null, ALL).getStatus(), "the honest analysis runs");
        }
    }

    @Test
    void modelWithAsManyParametersAsRowsIsRefused() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord r = run(analyst, "y ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9", "id <= 10", ALL);
            assertRefused(r, "10 parameters for 10 rows: ratio 1.00 > 0.33 (policy max_parameters_ratio)");
            assertAudited(c, r, "(policy max_parameters_ratio)");
        }
    }

    @Test
    void jobWithTooFewSitesIsRefusedBeforeAnyRound() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord one = run(analyst, "y ~ age", null, List.of("site1"));
            assertRefused(one, "site site1 refused: the job has 1 participating site < 3 (policy min_sites)");
            assertEquals(0, one.getRounds());
            assertAudited(c, one, "(policy min_sites)");
            JobRecord two = run(analyst, "y ~ age", null, List.of("site1", "site2"));
            assertRefused(two, "the job has 2 participating sites < 3 (policy min_sites)");
            assertAudited(c, two, "(policy min_sites)");
        }
    }

    @Test
    void subsetsDifferingByOneRowAreRefusedAndAnIdenticalRerunRuns() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord first = run(analyst, "y ~ age + sex", "age < 40", ALL);
            assertEquals("succeeded", first.getStatus(), first.getError());

            // All patients under 40, then all but one: the difference would be patient 5.
            JobRecord attack = run(analyst, "y ~ age + sex", "age < 40 & !(id == 5)", ALL);
            assertRefused(attack, "refused: subset differs from job " + first.getJob()
                    + " by 1 row < 10 (differencing guard) (round 0, schema)");
            assertAudited(c, attack, "subset differs from job " + first.getJob() + " by 1 row < 10 (differencing guard)");
            // Re-running the same analysis releases nothing new: allowed.
            JobRecord again = run(analyst, "y ~ age + sex", "age < 40", ALL);
            assertEquals("succeeded", again.getStatus(), again.getError());
            assertEquals(first.getResultText(), again.getResultText());
            // Another model over the same rows (no missing values): the same subset, allowed.
            JobRecord other = run(analyst, "y ~ age", "age < 40", ALL);
            assertEquals("succeeded", other.getStatus(), other.getError());
            // Every site remembers one distinct subset (its rows under 40); the refused one was not recorded.
            for (String site : ALL) {
                Path subsets = c.siteConfig(site).stateDir().resolve("subsets");
                try (Stream<Path> files = Files.walk(subsets)) {
                    assertEquals(1, files.filter(p -> p.toString().endsWith(".subset")).count(), site);
                }
            }
            // A subset far enough from every earlier one runs.
            JobRecord all = run(analyst, "y ~ age + sex", null, ALL);
            assertEquals("succeeded", all.getStatus(), all.getError());
        }
    }

    @Test
    void factorWithNearlyOneLevelPerRowOrTooManyLevelsIsRefused() throws Exception {
        try (LoopbackConsortium c = consortium().policy("site2", ReleasePolicy.defaults().withFactorLimits(5, 0.33)).start();
             AnalystClient analyst = c.analyst()) {
            JobRecord dense = run(analyst, "y ~ age + patient", null, ALL);
            // Every site refuses; whose refusal reaches the analyst first depends on timing: site2's
            // own limit of 5 levels, or another site's density rule.
            String rule = dense.getError().contains("max_factor_levels")
                    ? "factor patient has 40 levels > 5 (policy max_factor_levels)"
                    : "factor patient has 40 levels for 40 rows: density 1.00 > 0.33 (policy max_level_density)";
            assertRefused(dense, rule);
            assertAudited(c, dense, rule.substring(rule.indexOf("(policy")));

            JobRecord many = run(analyst, "y ~ age + ward", null, ALL);
            assertRefused(many, "site site2 refused: factor ward has 6 levels > 5 (policy max_factor_levels) (round 0, schema)");
            assertAudited(c, many, "(policy max_factor_levels)");

            assertEquals("succeeded", run(analyst, "y ~ age + sex", null, ALL).getStatus());
        }
    }

    @Test
    void meanOverTwoRowsIsRefusedByMinRows() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord r = summary(analyst, "id <= 2", "y");
            assertRefused(r, "2 rows < 10 (policy min_rows) (round 0, schema)");
            assertAudited(c, r, "2 rows < 10 (policy min_rows)");
        }
    }

    @Test
    void twoMeansDifferingByOnePatientAreRefusedByTheDifferencingGuard() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            JobRecord all = summary(analyst, null, "y");
            assertEquals("succeeded", all.getStatus(), all.getError());
            // The mean over everyone but patient 5, subtracted from the mean over everyone, is patient 5's y.
            JobRecord attack = summary(analyst, "!(id == 5)", "y");
            assertRefused(attack, "subset differs from job " + all.getJob() + " by 1 row < 10 (differencing guard)");
            assertAudited(c, attack, "subset differs from job " + all.getJob() + " by 1 row < 10 (differencing guard)");
        }
    }

    @Test
    void twoByTwoTableWithACellOfOneHasThatCellAndItsComplementsSuppressed() throws Exception {
        try (LoopbackConsortium c = consortium().start(); AnalystClient analyst = c.analyst()) {
            // sex x flag: only patient 5 (M) has flag "yes", a cell of 1 at every site. Under the
            // default policy (small_cells: suppress) each gate hides it, the zero beside it (F, yes),
            // and the two "no" cells, so neither n nor any row or column total gives it back.
            JobRecord r = analyst.submit(Invocation.of(new TableMethod(), TableParameters.twoWay("sex", "flag")), "cohort",
                    null, ALL, e -> { });
            assertEquals("succeeded", r.getStatus(), r.getError());
            JsonNode json = new ObjectMapper().readTree(r.getResultJson());
            JsonNode table = json.path("table");
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertTrue(table.path("suppressed").get(i).get(j).asBoolean(), table.toString());
                    assertTrue(table.path("counts").get(i).get(j).isNull(), table.toString());
                }
            }
            assertTrue(json.path("tests").path("chisq").isNull() && json.path("tests").path("fisher").isNull(),
                    json.path("tests").toString());
            assertTrue(json.path("tests").path("notes").toString().contains("suppressed"), json.path("tests").toString());
            // What left each site for the counts: zeros only, with every cell flagged.
            for (String site : ALL) {
                List<AuditRecord> releases = AuditReader.read(c.siteConfig(site).auditLog()).stream()
                        .filter(x -> r.getJob().equals(x.event().job()) && x.event().kind().equals("release")
                                && "counts".equals(x.event().step())).toList();
                assertEquals(1, releases.size(), site + ": " + releases);
                assertTrue(releases.get(0).event().reason().contains("suppressed 4 cells of counts"),
                        releases.get(0).event().reason());
            }
        }
    }

    @Test
    void twoByTwoTableWithACellOfOneIsRefusedWhereThePolicySaysRefuse() throws Exception {
        LoopbackConsortium.Builder b = consortium();
        for (String site : ALL) {
            b.policy(site, ReleasePolicy.defaults().withSmallCells(ReleasePolicy.SmallCells.REFUSE));
        }
        try (LoopbackConsortium c = b.start(); AnalystClient analyst = c.analyst()) {
            JobRecord r = analyst.submit(Invocation.of(new TableMethod(), TableParameters.twoWay("sex", "flag")), "cohort",
                    null, ALL, e -> { });
            String rule = "a released count of 1 < 3 in counts (policy min_cell_count, small_cells: refuse)";
            assertRefused(r, rule);
            assertAudited(c, r, rule);
            JobRecord honest = analyst.submit(Invocation.of(new TableMethod(), TableParameters.twoWay("sex", "ward")),
                    "cohort", null, ALL, e -> { });
            assertEquals("succeeded", honest.getStatus(), honest.getError());
        }
    }
}
