package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.medfed.method.MethodResult;

/**
 * A summary over all sites: one {@link ColumnSummary} per requested column, in the order asked.
 * JSON: {@code columns[].{name, type, n, missing, mean, sd, variance, levels[{level, count}]}}
 * (numeric columns have no levels, factors no moments); quantiles are not computed yet.
 */
public record SummaryResult(SummaryParameters parameters, List<ColumnSummary> columns, List<String> sites,
                            String where) implements MethodResult {

    public SummaryResult {
        columns = List.copyOf(columns);
        sites = List.copyOf(sites);
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
            } else {
                ArrayNode levels = o.putArray("levels");
                for (LevelCount l : c.levels()) {
                    ObjectNode lo = levels.addObject();
                    lo.put("level", l.level());
                    ResultText.count(lo, "count", l.count());
                }
            }
        }
        ObjectNode options = root.putObject("options");
        ArrayNode names = options.putArray("columns");
        parameters.columns().forEach(names::add);
        ObjectNode bounds = options.putObject("bounds");
        parameters.bounds().forEach((column, b) -> bounds.putArray(column).add(b[0]).add(b[1]));
        ResultText.levels(options, parameters.levels());
        return root;
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
                counts.add(ResultText.fmt(l.count()));
            }
            sb.append(ResultText.grid(List.of(header, counts), " ")).append('\n');
        }
        if (!parameters.bounds().isEmpty()) {
            List<String> clips = new ArrayList<>();
            parameters.bounds().forEach((column, b) -> clips.add(column + " to [" + ResultText.fmt(b[0]) + ", "
                    + ResultText.fmt(b[1]) + "]"));
            sb.append("Values clipped before summing: ").append(String.join(", ", clips)).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
