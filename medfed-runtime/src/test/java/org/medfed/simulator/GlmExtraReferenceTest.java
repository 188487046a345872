package org.medfed.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.methods.glm.Coefficient;
import org.medfed.methods.glm.GlmMethod;
import org.medfed.methods.glm.GlmParameters;
import org.medfed.methods.glm.GlmResult;

/**
 * GLM features the shared fixtures do not cover, against R 4.2.2 values produced by
 * {@code tools/glm-extra-reference.R}: prior weights (including zero weights), aliased columns,
 * separation, subsets ({@code --where} vs R's {@code subset=}), missing values (R's na.omit),
 * models without intercept, interactions and transformations. Same tolerance as the fixtures: 1e-6 relative.
 */
class GlmExtraReferenceTest {
    static final double TOL = 1e-6;

    static Stream<JsonNode> cases() throws IOException, URISyntaxException {
        Path file = Path.of(GlmExtraReferenceTest.class.getResource("/reference-extra/glm-extra.json").toURI());
        List<JsonNode> cases = new ArrayList<>();
        new ObjectMapper().readTree(file.toFile()).path("cases").forEach(cases::add);
        return cases.stream();
    }

    private static Map<String, Path> sites(String data) throws URISyntaxException {
        String base = data.equals("separation") || data.equals("lung") ? "/reference-extra/" + data + "/" : "/reference/" + data + "/";
        Map<String, Path> files = new LinkedHashMap<>();
        for (int s = 1; s <= 3; s++) {
            files.put("site" + s, Path.of(GlmExtraReferenceTest.class.getResource(base + "site" + s + ".csv").toURI()));
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesR(JsonNode c) throws URISyntaxException {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        c.path("levels").properties().forEach(e -> {
            List<String> lv = new ArrayList<>();
            e.getValue().forEach(v -> lv.add(v.asText()));
            levels.put(e.getKey(), lv);
        });
        GlmParameters p = GlmParameters.of(c.path("formula").asText(), c.path("family").asText()).withLevels(levels);
        if (!c.path("weights").isNull()) {
            p = p.withWeights(c.path("weights").asText());
        }
        String where = c.path("where").isNull() ? null : c.path("where").asText();
        GlmResult r = (GlmResult) Simulator.load(sites(c.path("data").asText())).run(new GlmMethod(), p, where).result();

        String name = c.path("name").asText();
        assertEquals(c.path("iterations").asInt(), r.iterations(), name + " iterations");
        assertEquals(c.path("converged").asBoolean(), r.converged(), name + " converged");
        assertEquals(c.path("n").asInt(), r.n(), name + " rows");
        assertEquals(c.path("df_residual").asDouble(), r.fit().dfResidual(), name + " df residual");
        assertEquals(c.path("df_null").asDouble(), r.fit().dfNull(), name + " df null");
        GlmReferenceTest.assertRelative(c.path("deviance").asDouble(), r.fit().deviance(), TOL, name + " deviance");
        GlmReferenceTest.assertRelative(c.path("null_deviance").asDouble(), r.fit().nullDeviance(), TOL, name + " null deviance");
        GlmReferenceTest.assertRelative(c.path("aic").asDouble(), r.fit().aic(), TOL, name + " AIC");
        GlmReferenceTest.assertRelative(c.path("dispersion").asDouble(), r.fit().dispersion(), TOL, name + " dispersion");

        JsonNode coefs = c.path("coefficients");
        assertEquals(coefs.size(), r.coefficients().size(), name + " number of terms");
        for (int i = 0; i < coefs.size(); i++) {
            JsonNode e = coefs.get(i);
            Coefficient a = r.coefficients().get(i);
            assertEquals(e.path("term").asText(), a.term(), name + " term " + i);
            if (e.path("estimate").isNull()) {
                assertTrue(a.aliased(), name + ": " + a.term() + " should be aliased (NA) as in R");
                continue;
            }
            GlmReferenceTest.assertRelative(e.path("estimate").asDouble(), a.estimate(), TOL, name + " " + a.term());
            GlmReferenceTest.assertRelative(e.path("std_error").asDouble(), a.stdError(), TOL, name + " " + a.term() + " SE");
        }
        List<String> warnings = new ArrayList<>();
        c.path("warnings").forEach(w -> warnings.add(w.asText()));
        assertEquals(warnings.stream().sorted().toList(), r.warnings().stream().sorted().toList(), name + " warnings");
    }
}
