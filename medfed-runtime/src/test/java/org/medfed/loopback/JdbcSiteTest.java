package org.medfed.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.agent.DatasetSpec;
import org.medfed.analyst.AnalystClient;
import org.medfed.methods.Invocation;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.simulator.ReferenceCase;
import org.medfed.simulator.Simulation;
import org.medfed.simulator.Simulator;
import org.medfed.transport.proto.JobRecord;

/**
 * Sites whose data live in a database: one site reads a CSV file, one a database table and one
 * a database query (JDBC, here an embedded H2 database; PostgreSQL in production, see
 * JdbcPostgresTest). The deployed fit equals the simulator's on the files.
 */
class JdbcSiteTest {
    @TempDir
    Path dir;

    @Test
    void tableAndQueryDatasetsGiveTheSameFitAsFiles() throws Exception {
        ReferenceCase c = ReferenceCase.load("glm-logistic-birthwt");
        Map<String, Path> files = c.siteFiles();
        String url = "jdbc:h2:mem:births;DB_CLOSE_DELAY=-1";
        try (Connection db = DriverManager.getConnection(url, "sa", "secret"); Statement st = db.createStatement()) {
            for (String site : List.of("site2", "site3")) {
                // Quoted lower-case names, as PostgreSQL folds them (H2 would upper-case unquoted ones).
                st.execute("CREATE TABLE " + site + "_births(\"low\" INT, \"age\" INT, \"lwt\" INT, \"race\" VARCHAR(10), "
                        + "\"smoke\" INT, \"ptl\" INT, \"ht\" INT, \"ui\" INT, \"ftv\" INT) AS SELECT low, age, lwt, race, "
                        + "smoke, ptl, ht, ui, ftv FROM CSVREAD('"
                        + files.get(site).toString().replace("'", "''") + "', NULL, 'charset=UTF-8 null=NA')");
            }
            LoopbackConsortium.Builder b = LoopbackConsortium.builder(dir)
                    .site("site1", "birthwt", files.get("site1"))
                    .site("site2", new DatasetSpec("birthwt", null, url, "site2_births", null, "sa", "secret"))
                    .site("site3", new DatasetSpec("birthwt", null, url, null,
                            "SELECT * FROM site3_births WHERE 1 = 1", "sa", "secret"));
            var p = DeployedGlmTest.parameters();
            Simulation sim = Simulator.load(files).withSecureAggregation(true).run(new GlmMethod(), p, null);
            try (LoopbackConsortium consortium = b.start(); AnalystClient analyst = consortium.analyst()) {
                JobRecord r = analyst.submit(Invocation.of(new GlmMethod(), p), "birthwt", null, List.of(), e -> { });
                assertEquals("succeeded", r.getStatus(), r.getError());
                assertEquals(DeployedGlmTest.core(sim.toJson().toString()).path("coefficients"),
                        DeployedGlmTest.core(r.getResultJson()).path("coefficients"));
            }
        }
    }
}
