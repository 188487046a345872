package org.medfed.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medfed.agent.DatasetSpec;
import org.medfed.agent.SiteConfig;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;
import org.medfed.filter.RowFilter;
import org.medfed.methods.pca.PcaScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code medfed site pca-scores}: a PCA's scores for this site's own rows, written to a local CSV.
 * The dataset is loaded as the site agent loads it for a job (site.yaml's path or database, its
 * coarsening), the job's row filter ({@code where} in the result) is applied, and every row
 * complete in the analysed columns gets {@code ((x − center) / scale) · loadings}. Nothing is sent
 * anywhere: this runs without the hub, and the scores, which are row-level data, stay at the site.
 */
@Command(name = "pca-scores", mixinStandardHelpOptions = true,
        description = "Write this site's principal component scores of a pca result to a local CSV "
                + "(rows as the job used them: the site's coarsening, the job's --where, complete rows). Nothing leaves the site.")
final class SitePcaScoresCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The site's YAML configuration.")
    Path config;

    @Option(names = "--result", required = true, paramLabel = "FILE",
            description = "The pca result as JSON (simulate pca --json, run pca --json or result JOB --json).")
    Path result;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write (replaced if it exists).")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "The dataset the job analysed; needed only when the site has several.")
    String dataset;

    @Option(names = "--id-column", paramLabel = "COLUMN",
            description = "A column of the dataset that identifies each row, written first; "
                    + "default: the row's line in the data file (its row number for Parquet or a database).")
    String idColumn;

    @Override
    public Integer call() {
        SiteConfig site = SiteConfig.load(config);
        PcaScores projection = PcaScores.fromResultJson(readResult(result), result.toString());
        DatasetSpec spec = dataset(site);
        if (spec.isFile() && same(spec.path(), out)) {
            throw new UsageException("--out " + out + " is the data file of dataset " + spec.name() + "; write the scores elsewhere");
        }
        Table table = spec.read(site.name());
        Column id = idColumn == null ? null : table.column(idColumn);
        boolean[] keep = projection.where() == null ? null : RowFilter.parse(projection.where()).evaluate(table);
        PcaScores.Projected scores = projection.project(table, keep);
        try {
            write(table, id, projection.components(), scores);
        } catch (IOException e) {
            throw new MedfedException("--out " + out + ": cannot write it (" + e.getMessage() + ")", e);
        }
        System.err.println("medfed: site " + site.name() + ": scores on " + String.join(", ", projection.components())
                + " of " + scores.rows().length + " rows of dataset " + spec.name()
                + (projection.where() == null ? "" : " where " + projection.where()) + " written to " + out
                + " (they stay at this site)");
        return 0;
    }

    private static JsonNode readResult(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--result " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--result " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        try {
            return OutputOptions.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UsageException("--result " + file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private DatasetSpec dataset(SiteConfig site) {
        if (dataset != null) {
            DatasetSpec spec = site.datasets().get(dataset);
            if (spec == null) {
                throw new UsageException("site " + site.name() + " has no dataset '" + dataset + "' (datasets: "
                        + String.join(", ", site.datasets().keySet()) + ")");
            }
            return spec;
        }
        if (site.datasets().size() > 1) {
            throw new UsageException("site " + site.name() + " has several datasets (" + String.join(", ",
                    site.datasets().keySet()) + "): name the one the job analysed with --dataset");
        }
        return site.datasets().values().iterator().next();
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * One line per projected row: its identifier, then its score on each reported component, with
     * as many digits as tell the double apart (Java's shortest round-trip form).
     */
    private void write(Table table, Column id, List<String> components, PcaScores.Projected scores) throws IOException {
        boolean lines = table.rowCount() > 0 && table.locate(0, null).line() > 0;
        List<String> header = new ArrayList<>();
        header.add(id != null ? idColumn : lines ? "line" : "row");
        header.addAll(components);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(csvLine(header));
            for (int m = 0; m < scores.rows().length; m++) {
                int row = scores.rows()[m];
                List<String> cells = new ArrayList<>();
                cells.add(id != null ? idValue(id, row) : Long.toString(lines ? table.locate(row, null).line() : row + 1L));
                for (double v : scores.values()[m]) {
                    cells.add(Double.toString(v));
                }
                w.write(csvLine(cells));
            }
        }
    }

    /** The identifier as the data file shows it: integers without ".0", NA when missing. */
    private static String idValue(Column id, int row) {
        if (id.isMissing(row)) {
            return "NA";
        }
        if (id instanceof NumericColumn n) {
            double v = n.get(row);
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return ((TextColumn) id).get(row);
    }

    /** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String c : cells) {
            quoted.add(c.matches("(?s).*[\",\r\n].*") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        return String.join(",", quoted) + "\n";
    }
}
