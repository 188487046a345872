package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Analyst-given level orders of factor columns, for methods that name columns rather than formula terms. */
final class LevelOptions {
    @Option(names = "--levels", paramLabel = "COLUMN=L1,L2,...",
            description = "Level order of a factor column (R's factor(x, levels = ...)), e.g. sex=male,female. "
                    + "Repeatable. Default: sorted as R sorts.")
    List<String> levels = new ArrayList<>();

    Map<String, List<String>> parse() {
        return GlmOptions.parseLevels(levels);
    }
}
