package org.medfed.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medfed.error.MedfedException;
import picocli.CommandLine.Option;

/** Where a result goes: a table on the terminal, or one JSON document; optionally also a file. */
final class OutputOptions {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the result as one JSON document instead of a table.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result JSON to FILE.")
    Path out;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @Option(names = {"--verbose", "-v"}, description = "Report reads and rounds with timings on stderr.")
    boolean verbose;

    java.util.function.Consumer<String> progress() {
        return verbose ? message -> System.err.println("medfed: " + message) : message -> { };
    }

    /**
     * Lines for the terminal saying that the numbers above carry DP noise, and how much each site
     * added and spent; empty when nothing was noised.
     */
    static String dpSummary(ObjectNode result) {
        JsonNode dp = result.path("privacy").path("differential_privacy");
        if (!dp.path("noised").asBoolean(false)) {
            return "";
        }
        StringBuilder b = new StringBuilder(System.lineSeparator())
                .append("Differential privacy: the numbers above include noise added at the sites.");
        for (JsonNode site : dp.path("sites")) {
            JsonNode first = site.path("releases").path(0);
            b.append(System.lineSeparator()).append(String.format(java.util.Locale.ROOT,
                    "  site %s: %s, %d noised release%s, this job spent epsilon %.4g (delta %.3g); dataset %s: "
                            + "epsilon %.4g of %.4g spent",
                    site.path("site").asText(), first.path("mechanism").asText(), site.path("releases").size(),
                    site.path("releases").size() == 1 ? "" : "s", site.path("epsilon").asDouble(),
                    site.path("delta").asDouble(), site.path("dataset").asText(),
                    last(site).path("dataset_budget").path("epsilon_spent").asDouble(),
                    last(site).path("dataset_budget").path("epsilon_limit").asDouble()));
        }
        return b.toString();
    }

    private static JsonNode last(JsonNode site) {
        JsonNode releases = site.path("releases");
        return releases.path(releases.size() - 1);
    }

    void emit(ObjectNode result, String text, PrintStream stdout) {
        try {
            String doc = JSON.writeValueAsString(result);
            if (out != null) {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, doc + System.lineSeparator());
            }
            stdout.println(json ? doc : text + dpSummary(result));
        } catch (IOException e) {
            throw new MedfedException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
