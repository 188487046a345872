package org.medfed.cli;

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
            stdout.println(json ? doc : text);
        } catch (IOException e) {
            throw new MedfedException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
