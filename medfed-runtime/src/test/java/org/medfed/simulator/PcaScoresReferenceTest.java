package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.data.Table;
import org.medfed.data.TableReader;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;
import org.medfed.error.UsageException;
import org.medfed.filter.RowFilter;
import org.medfed.methods.pca.PcaMethod;
import org.medfed.methods.pca.PcaParameters;
import org.medfed.methods.pca.PcaResult;
import org.medfed.methods.pca.PcaScores;

/**
 * Scores computed at each site from the federated PCA's published result against R's
 * {@code prcomp(scale. = TRUE)$x} on the pooled rows ({@code r-checks/pca-scores.R}), each
 * component up to its sign; a filtered job projects only the rows its filter kept.
 */
class PcaScoresReferenceTest {
    private static final ReferenceCase ARRESTS = ReferenceCase.load("pca-usarrests");
    private static final String[] COLUMNS = {"Murder", "Assault", "UrbanPop", "Rape"};
    /** Scores are of order 1 to 3 and agree to about 2e-15 (measured); 1e-12 leaves room for summation order. */
    private static final double ABSOLUTE = 1e-12;

    private static JsonNode rScores() {
        return RChecks.read("pca-scores.json");
    }

    @Test
    void everySitesScoresEqualPrcompsScoresUpToEachComponentsSign() throws IOException {
        JsonNode r = rScores();
        Map<String, double[]> expected = new HashMap<>();
        for (JsonNode row : r.path("rows")) {
            expected.put(row.path("state").asText(), RChecks.matrix(new ObjectMapper().createArrayNode()
                    .add(row.path("scores")))[0]);
        }
        PcaResult result = (PcaResult) Simulator.load(ARRESTS.siteFiles())
                .run(new PcaMethod(), PcaParameters.scaled(COLUMNS), null).result();
        PcaScores projection = PcaScores.fromResultJson(result.toJson(), "pca.json");
        // prcomp's rotation and medfed's loadings may differ in each component's sign: take it from the loadings.
        double[][] rotation = RChecks.matrix(r.path("rotation_by_component"));
        double[] sign = new double[4];
        for (int j = 0; j < 4; j++) {
            sign[j] = Math.signum(rotation[j][0] * result.loadings()[0][j]);
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Path> site : ARRESTS.siteFiles().entrySet()) {
            Table table = TableReader.read(site.getKey(), site.getValue());
            PcaScores.Projected scores = projection.project(table, null);
            assertEquals(table.rowCount(), scores.rows().length, site.getKey() + ": every row is complete");
            TextColumn state = (TextColumn) table.column("state");
            for (int m = 0; m < scores.rows().length; m++) {
                String name = state.get(scores.rows()[m]);
                assertTrue(seen.add(name), name + " twice");
                double[] want = expected.get(name);
                for (int j = 0; j < 4; j++) {
                    assertEquals(want[j], sign[j] * scores.values()[m][j], ABSOLUTE, name + " PC" + (j + 1));
                }
            }
        }
        assertEquals(50, seen.size());
    }

    @Test
    void aFilteredJobProjectsTheRowsItsFilterKeptAndKLimitsTheComponents() {
        String where = "UrbanPop >= 66";
        PcaResult result = (PcaResult) Simulator.load(ARRESTS.siteFiles())
                .run(new PcaMethod(), PcaParameters.scaled(COLUMNS).withK(2), where).result();
        PcaScores projection = PcaScores.fromResultJson(result.toJson(), "pca.json");
        assertEquals(where, projection.where());
        Path site1 = ARRESTS.siteFiles().values().iterator().next();
        Table table = TableReader.read("site1", site1);
        boolean[] keep = RowFilter.parse(projection.where()).evaluate(table);
        PcaScores.Projected scores = projection.project(table, keep);
        int kept = 0;
        for (boolean k : keep) {
            kept += k ? 1 : 0;
        }
        assertTrue(kept > 0 && kept < table.rowCount(), "the filter keeps some rows of site1: " + kept);
        assertEquals(kept, scores.rows().length);
        for (int m = 0; m < scores.rows().length; m++) {
            int row = scores.rows()[m];
            assertTrue(keep[row]);
            assertEquals(2, scores.values()[m].length);
            // The score is the scaled row times the loadings, around the filtered rows' centre.
            double pc1 = 0;
            for (int i = 0; i < 4; i++) {
                double x = ((org.medfed.data.NumericColumn) table.column(COLUMNS[i])).get(row);
                pc1 += (x - result.center()[i]) / result.scale()[i] * result.loadings()[i][0];
            }
            assertEquals(pc1, scores.values()[m][0], 1e-12);
        }
    }

    @Test
    void otherResultsAndMissingColumnsAreRefusedWithAMessage() {
        PcaResult result = (PcaResult) Simulator.load(ARRESTS.siteFiles())
                .run(new PcaMethod(), PcaParameters.scaled(COLUMNS), null).result();
        JsonNode json = result.toJson();
        com.fasterxml.jackson.databind.node.ObjectNode glm = json.deepCopy();
        glm.put("method", "glm");
        UsageException notPca = assertThrows(UsageException.class, () -> PcaScores.fromResultJson(glm, "fit.json"));
        assertEquals("fit.json is not a pca result (its method is glm)", notPca.getMessage());
        com.fasterxml.jackson.databind.node.ObjectNode cut = json.deepCopy();
        cut.remove("center");
        UsageException incomplete = assertThrows(UsageException.class, () -> PcaScores.fromResultJson(cut, "pca.json"));
        assertTrue(incomplete.getMessage().contains("pca.json is not a complete pca result: \"center\" must hold 4 numbers"),
                incomplete.getMessage());

        com.fasterxml.jackson.databind.node.ObjectNode renamed = json.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) renamed.path("columns")).set(3, "Robbery");
        ((com.fasterxml.jackson.databind.node.ArrayNode) renamed.path("loadings").path("rows")).set(3, "Robbery");
        PcaScores projection = PcaScores.fromResultJson(renamed, "pca.json");
        Path site1 = ARRESTS.siteFiles().values().iterator().next();
        DataException missing = assertThrows(DataException.class,
                () -> projection.project(TableReader.read("site1", site1), null));
        assertTrue(missing.getMessage().contains("Robbery") && missing.getMessage().contains("no such column"),
                missing.getMessage());
    }
}
