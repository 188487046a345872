package org.medfed.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import picocli.CommandLine.Option;

/** The sites of an in-process run and the job's row filter. */
final class SiteOptions {
    @Option(names = "--site", paramLabel = "NAME=PATH", required = true,
            description = "A site and its data file (CSV or Parquet); repeat for each site. Sums run in this order.")
    List<String> sites = new ArrayList<>();

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Row filter like R's subset(): e.g. \"age >= 18 & race %%in%% c('white','other')\".")
    String where;

    Map<String, Path> files() {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String s : sites) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new UsageException("--site expects NAME=PATH, got '" + s + "'");
            }
            String name = s.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new UsageException("--site name '" + name + "' may use only letters, digits, '_', '-' and '.'");
            }
            if (files.put(name, Path.of(s.substring(eq + 1))) != null) {
                throw new UsageException("--site " + name + " is given twice");
            }
        }
        return files;
    }
}
