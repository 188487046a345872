package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medfed.simulator.RChecks.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.method.Aggregation;
import org.medfed.methods.pca.PcaMethod;
import org.medfed.methods.pca.PcaParameters;
import org.medfed.methods.pca.PcaResult;
import org.medfed.site.ReleaseRecord;

/**
 * pca over the USArrests fixture's three sites against R's {@code prcomp(scale. = TRUE)} on the
 * pooled rows, the covariance form against the pooled covariance computed here, and bad input.
 */
class PcaReferenceTest {
    private static final ReferenceCase ARRESTS = ReferenceCase.load("pca-usarrests");
    private static final String[] COLUMNS = {"Murder", "Assault", "UrbanPop", "Rape"};
    private static final double RELATIVE = 1e-10;

    @TempDir
    Path dir;

    private static Simulation pca(Map<String, Path> sites, PcaParameters parameters, String where) {
        return Simulator.load(sites).run(new PcaMethod(), parameters, where);
    }

    @Test
    void correlationComponentsEqualPrcomp() {
        JsonNode r = ARRESTS.expected().path("analyses").path("pca");
        Simulation sim = pca(ARRESTS.siteFiles(), PcaParameters.scaled(COLUMNS), null);
        PcaResult p = (PcaResult) sim.result();
        assertEquals(50, p.n());
        for (int j = 0; j < 4; j++) {
            assertClose(r.path("sdev").get(j), p.sdev()[j], RELATIVE, "sdev PC" + (j + 1));
            assertClose(r.path("proportion_of_variance").get(j), p.proportionOfVariance()[j], RELATIVE, "proportion PC" + (j + 1));
            assertClose(r.path("cumulative_proportion").get(j), p.cumulativeProportion()[j], RELATIVE, "cumulative PC" + (j + 1));
            assertClose(r.path("center").get(j), p.center()[j], RELATIVE, "center " + COLUMNS[j]);
            assertClose(r.path("scale").get(j), p.scale()[j], RELATIVE, "scale " + COLUMNS[j]);
        }
        double[][] rotation = RChecks.matrix(r.path("rotation").path("matrix"));
        double[][] normalized = RChecks.matrix(r.path("rotation_sign_normalized").path("matrix"));
        for (int j = 0; j < 4; j++) {
            // Equal up to sign to prcomp's rotation, and equal outright under the documented convention.
            double sign = Math.signum(rotation[0][j] * p.loadings()[0][j]);
            for (int i = 0; i < 4; i++) {
                String what = "loading " + COLUMNS[i] + " on PC" + (j + 1);
                assertEquals(rotation[i][j], sign * p.loadings()[i][j], 1e-10, what + " up to sign");
                assertEquals(normalized[i][j], p.loadings()[i][j], 1e-10, what + " sign-normalized");
            }
        }
        assertEquals(3, sim.rounds());
        assertReleases(sim, Set.of("n", "sum", "centered_cross_products"));
    }

    @Test
    void jsonCarriesTheContractFieldsAndKLimitsTheLoadingsOnly() {
        PcaResult p = (PcaResult) pca(ARRESTS.siteFiles(), PcaParameters.scaled(COLUMNS).withK(2), null).result();
        JsonNode json = p.toJson();
        assertEquals("pca", json.path("method").asText());
        assertEquals("correlation", json.path("matrix").asText());
        assertEquals(4, json.path("sdev").size());
        assertEquals(4, json.path("proportion_of_variance").size());
        assertEquals(4, json.path("cumulative_proportion").size());
        assertEquals(List.of("PC1", "PC2"), strings(json.path("loadings").path("cols")));
        assertEquals(List.of(COLUMNS), strings(json.path("loadings").path("rows")));
        assertEquals(2, json.path("loadings").path("matrix").get(0).size());
        assertEquals(4, json.path("center").size());
        assertEquals(4, json.path("scale").size());
        assertTrue(json.path("sign_convention").asText().contains("largest-|loading|"));
        String text = p.toText();
        assertTrue(text.contains("Importance of components:"), text);
        assertEquals(List.of("1.5749", "0.99487", "0.59713", "0.41645"), cells(text, "Standard deviation"));
        assertEquals(List.of("0.6201", "0.2474", "0.08914", "0.04336"), cells(text, "Proportion of Variance"));
    }

    @Test
    void covarianceComponentsDiagonalizeThePooledCovariance() throws IOException {
        PcaResult p = (PcaResult) pca(ARRESTS.siteFiles(), PcaParameters.unscaled(COLUMNS), null).result();
        assertNull(p.scale());
        assertTrue(p.toJson().path("scale").isNull());
        double[][] c = pooledCovariance();
        double trace = 0;
        double total = 0;
        for (int i = 0; i < 4; i++) {
            trace += c[i][i];
            total += p.variance()[i];
        }
        assertClose(trace, total, 1e-12, "total variance = trace of the covariance");
        for (int j = 0; j < 4; j++) {
            double norm = 0;
            for (int i = 0; i < 4; i++) {
                double cv = 0;
                for (int m = 0; m < 4; m++) {
                    cv += c[i][m] * p.loadings()[m][j];
                }
                // C v = λ v, to rounding relative to the largest eigenvalue.
                assertEquals(p.variance()[j] * p.loadings()[i][j], cv, 1e-11 * p.variance()[0], "C v = λ v, PC" + (j + 1));
                norm += p.loadings()[i][j] * p.loadings()[i][j];
            }
            assertEquals(1, norm, 1e-13, "unit loadings PC" + (j + 1));
        }
    }

    @Test
    void theSameForOneSiteAndAnySiteOrder() {
        PcaResult federated = (PcaResult) pca(ARRESTS.siteFiles(), PcaParameters.scaled(COLUMNS), null).result();
        Map<String, Path> reordered = new LinkedHashMap<>();
        List.of("site3", "site1", "site2").forEach(s -> reordered.put(s, ARRESTS.siteFiles().get(s)));
        for (Map<String, Path> sites : List.of(Map.of("pooled", ARRESTS.pooled()), reordered)) {
            PcaResult other = (PcaResult) pca(sites, PcaParameters.scaled(COLUMNS), null).result();
            for (int j = 0; j < 4; j++) {
                assertClose(federated.sdev()[j], other.sdev()[j], 1e-13, "sdev PC" + (j + 1));
                for (int i = 0; i < 4; i++) {
                    assertEquals(federated.loadings()[i][j], other.loadings()[i][j], 1e-12, "loading " + i + "," + j);
                }
            }
        }
    }

    @Test
    void badInputIsRefusedWithAClearMessage() throws IOException {
        UsageException text = assertThrows(UsageException.class, () -> pca(ARRESTS.siteFiles(),
                PcaParameters.scaled("Murder", "state"), null));
        assertTrue(text.getMessage().contains("column state is not numeric"), text.getMessage());

        // Murder > 15: Florida, Georgia, Louisiana and Mississippi, 4 rows for 4 columns.
        MedfedException few = assertThrows(MedfedException.class, () -> pca(ARRESTS.siteFiles(),
                PcaParameters.scaled(COLUMNS), "Murder > 15"));
        assertEquals("pca: 4 rows complete in every column over all sites, for 4 columns; principal components of 4 "
                + "columns need at least 5 rows (from n rows the covariance matrix has rank at most n - 1)", few.getMessage());

        Map<String, Path> constant = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : ARRESTS.siteFiles().entrySet()) {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(e.getValue())) {
                lines.add(line + (lines.isEmpty() ? ",Year" : ",1975"));
            }
            constant.put(e.getKey(), Files.write(dir.resolve(e.getKey() + ".csv"), lines));
        }
        MedfedException flat = assertThrows(MedfedException.class, () -> pca(constant,
                PcaParameters.scaled("Murder", "Year", "Rape"), null));
        assertEquals("pca: column Year is constant over the 50 complete rows (standard deviation 0): it cannot be "
                + "scaled to unit variance (--scale); leave it out, or analyse the covariance matrix without --scale",
                flat.getMessage());
        // Without scaling a constant column is a component of variance 0, as prcomp gives.
        PcaResult unscaled = (PcaResult) pca(constant, PcaParameters.unscaled("Murder", "Year", "Rape"), null).result();
        assertEquals(0, unscaled.sdev()[2], 1e-12);

        UsageException k = assertThrows(UsageException.class, () -> PcaParameters.scaled(COLUMNS).withK(5));
        assertEquals("pca: --k must be between 1 and the number of columns (4), got 5", k.getMessage());
    }

    /** The pooled covariance (n − 1) of the four columns, read from pooled.csv and computed here in two passes. */
    private static double[][] pooledCovariance() throws IOException {
        List<String> lines = Files.readAllLines(ARRESTS.pooled());
        List<String> header = List.of(lines.get(0).split(","));
        int n = lines.size() - 1;
        double[][] x = new double[4][n];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int i = 0; i < 4; i++) {
                x[i][r] = Double.parseDouble(cells[header.indexOf(COLUMNS[i])]);
            }
        }
        double[] mean = new double[4];
        for (int i = 0; i < 4; i++) {
            for (double v : x[i]) {
                mean[i] += v / n;
            }
        }
        double[][] c = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int r = 0; r < n; r++) {
                    c[i][j] += (x[i][r] - mean[i]) * (x[j][r] - mean[j]) / (n - 1);
                }
            }
        }
        return c;
    }

    /** The cells after a row label in the result's text. */
    private static List<String> cells(String text, String label) {
        for (String line : text.split("\n")) {
            if (line.startsWith(label)) {
                return List.of(line.substring(label.length()).trim().split(" +"));
            }
        }
        throw new AssertionError("no line " + label + " in\n" + text);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Every numeric release is a declared SUM aggregate; labels only in the schema round. */
    private static void assertReleases(Simulation sim, Set<String> numeric) {
        for (List<ReleaseRecord> records : sim.releases().values()) {
            Set<String> names = new TreeSet<>();
            for (ReleaseRecord r : records) {
                if (r.aggregation() == Aggregation.UNION) {
                    assertEquals("schema", r.step());
                    continue;
                }
                assertEquals(Aggregation.SUM, r.aggregation(), r.name());
                names.add(r.name());
            }
            assertEquals(new TreeSet<>(numeric), names);
        }
    }
}
