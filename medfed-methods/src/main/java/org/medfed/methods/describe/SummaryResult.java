package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.medfed.method.MethodResult;

/**
 * A summary over all sites: one {@link ColumnSummary} per requested column, in the order asked.
 * JSON: {@code columns[].{name, type, n, missing, mean, sd, variance, quantiles{"0.25": ..},
 * quantile_precision, min, max, histogram{breaks[], counts[], suppressed[], below, above,
 * exact_range}, levels[{level, count, suppressed}]}} (numeric columns have no levels, factors no moments;
 * min and max only where every site released them), and {@code notes[]} saying what was withheld,
 * suppressed or not computed.
 */
public record SummaryResult(SummaryParameters parameters, List<ColumnSummary> columns, List<String> sites,
                            String where, List<String> notes) implements MethodResult {

    public SummaryResult {
        columns = List.copyOf(columns);
        sites = List.copyOf(sites);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public SummaryResult(SummaryParameters parameters, List<ColumnSummary> columns, List<String> sites, String where) {
        this(parameters, columns, sites, where, List.of());
    }

    public ColumnSummary column(String name) {
        for (ColumnSummary c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /** Rows summarized over all sites (every row is present or missing in each column). */
    public double rows() {
        ColumnSummary first = columns.get(0);
        return first.n() + first.missing();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = ResultText.document("summary", where, sites, rows());
        ArrayNode cols = root.putArray("columns");
        for (ColumnSummary c : columns) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("type", c.type());
            ResultText.count(o, "n", c.n());
            ResultText.count(o, "missing", c.missing());
            if (c.numeric()) {
                ResultText.number(o, "mean", c.mean());
                ResultText.number(o, "sd", c.sd());
                ResultText.number(o, "variance", c.variance());
                if (!c.quantiles().isEmpty()) {
                    ObjectNode q = o.putObject("quantiles");
                    c.quantiles().forEach(x -> ResultText.number(q, x.key(), x.value()));
                    ResultText.number(o, "quantile_precision", c.quantilePrecision());
                }
                if (c.hasExtremes()) {
                    ResultText.number(o, "min", c.min());
                    ResultText.number(o, "max", c.max());
                }
                if (c.histogram() != null) {
                    histogram(o.putObject("histogram"), c.histogram());
                }
            } else {
                ArrayNode levels = o.putArray("levels");
                for (LevelCount l : c.levels()) {
                    ObjectNode lo = levels.addObject();
                    lo.put("level", l.level());
                    ResultText.count(lo, "count", l.count());
                    lo.put("suppressed", l.suppressed());
                }
            }
        }
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        ObjectNode options = root.putObject("options");
        ArrayNode names = options.putArray("columns");
        parameters.columns().forEach(names::add);
        ArrayNode probs = options.putArray("probs");
        parameters.probs().forEach(probs::add);
        options.put("quantile_precision", parameters.quantilePrecision());
        options.put("histogram", parameters.histogram());
        ObjectNode bounds = options.putObject("bounds");
        parameters.bounds().forEach((column, b) -> bounds.putArray(column).add(b[0]).add(b[1]));
        ResultText.levels(options, parameters.levels());
        return root;
    }

    private static void histogram(ObjectNode o, Histogram h) {
        ArrayNode breaks = o.putArray("breaks");
        for (double b : h.breaks()) {
            breaks.add(b);
        }
        ArrayNode counts = o.putArray("counts");
        for (double c : h.counts()) {
            ResultText.count(counts, c);
        }
        ArrayNode suppressed = o.putArray("suppressed");
        for (double s : h.suppressed()) {
            ResultText.count(suppressed, s);
        }
        ResultText.count(o, "below", h.below());
        ResultText.count(o, "above", h.above());
        ResultText.count(o, "suppressed_below", h.suppressedBelow());
        ResultText.count(o, "suppressed_above", h.suppressedAbove());
        o.put("exact_range", h.exactRange());
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(ResultText.heading("Summary of " + ResultText.fmt(rows()) + " rows", sites, where));
        List<List<String>> numeric = new ArrayList<>();
        numeric.add(List.of("", "n", "missing", "mean", "sd", "variance"));
        for (ColumnSummary c : columns) {
            if (c.numeric()) {
                numeric.add(List.of(c.name(), ResultText.fmt(c.n()), ResultText.fmt(c.missing()), ResultText.fmt(c.mean()),
                        ResultText.fmt(c.sd()), ResultText.fmt(c.variance())));
            }
        }
        if (numeric.size() > 1) {
            sb.append(ResultText.grid(numeric, "")).append('\n');
        }
        quantileText(sb);
        for (ColumnSummary c : columns) {
            if (c.numeric()) {
                continue;
            }
            sb.append(c.name()).append(" (factor");
            if (c.missing() != 0) {
                sb.append(", ").append(ResultText.fmt(c.missing())).append(" missing");
            }
            sb.append("):\n");
            List<String> header = new ArrayList<>(List.of(""));
            List<String> counts = new ArrayList<>(List.of(""));
            for (LevelCount l : c.levels()) {
                header.add(l.level());
                counts.add(l.suppressed() ? "*" : ResultText.fmt(l.count()));
            }
            sb.append(ResultText.grid(List.of(header, counts), " ")).append('\n');
        }
        if (!parameters.bounds().isEmpty()) {
            List<String> clips = new ArrayList<>();
            parameters.bounds().forEach((column, b) -> clips.add(column + " to [" + ResultText.fmt(b[0]) + ", "
                    + ResultText.fmt(b[1]) + "]"));
            sb.append("Values clipped before summing: ").append(String.join(", ", clips)).append('\n');
        }
        for (String note : notes) {
            sb.append("Note: ").append(note).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    /**
     * R's {@code summary} layout: Min., quantiles, Max. per numeric column, the precision the
     * search reached, and each histogram's breaks in one line.
     */
    private void quantileText(StringBuilder sb) {
        boolean any = columns.stream().anyMatch(c -> c.numeric() && (!c.quantiles().isEmpty() || c.hasExtremes()));
        if (!any) {
            return;
        }
        List<String> header = new ArrayList<>(List.of("", "Min."));
        parameters.probs().forEach(p -> header.add(new Quantile(p, 0).percent()));
        header.add("Max.");
        header.add("precision");
        List<List<String>> rows = new ArrayList<>(List.of(header));
        for (ColumnSummary c : columns) {
            if (!c.numeric() || (c.quantiles().isEmpty() && !c.hasExtremes())) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(c.name(), c.hasExtremes() ? ResultText.fmt(c.min()) : "-"));
            if (c.quantiles().isEmpty()) {
                parameters.probs().forEach(p -> row.add("-"));
            } else {
                c.quantiles().forEach(q -> row.add(ResultText.fmt(q.value())));
            }
            row.add(c.hasExtremes() ? ResultText.fmt(c.max()) : "-");
            row.add(Double.isNaN(c.quantilePrecision()) ? "-" : ResultText.fmt(c.quantilePrecision()));
            rows.add(row);
        }
        sb.append("Quantiles (type 7; each at most 'precision' above the exact value; '-' not released):\n");
        sb.append(ResultText.grid(rows, "")).append('\n');
        boolean histograms = false;
        for (ColumnSummary c : columns) {
            Histogram h = c.histogram();
            if (h == null) {
                continue;
            }
            if (!histograms) {
                sb.append("Histograms (bins on R's hist() breaks; in the JSON output):\n");
                histograms = true;
            }
            double[] b = h.breaks();
            sb.append("  ").append(c.name()).append(": ").append(b.length - 1).append(" bins of width ")
                    .append(ResultText.fmt(b[1] - b[0])).append(" from ").append(ResultText.fmt(b[0])).append(" to ")
                    .append(ResultText.fmt(b[b.length - 1]));
            if (!h.exactRange()) {
                sb.append(" (mean ± 3 sd; ").append(ResultText.fmt(h.below())).append(" below, ")
                        .append(ResultText.fmt(h.above())).append(" above)");
            }
            sb.append('\n');
        }
        if (histograms) {
            sb.append('\n');
        }
    }
}
