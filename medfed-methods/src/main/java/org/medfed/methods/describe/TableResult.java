package org.medfed.methods.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.medfed.method.MethodResult;

/**
 * A contingency table summed over all sites, with the tests computed from it at the hub. JSON:
 * {@code table.{rows[], cols[], counts[][], suppressed[][]}}, {@code counts[i][j]} being the rows
 * at level {@code rows[i]} and {@code cols[j]}; a one-way table has no {@code cols} (an empty
 * list) and one count per row ({@code counts[i][0]}). A cell some site's gate suppressed (a count
 * below its {@code min_cell_count}, or a complement protecting one) has {@code suppressed[i][j]}
 * true and {@code counts[i][j]} null: its pooled count is unknown, the other sites' part alone
 * would read as a total. The text shows it as {@code *}. {@code n} is then the rows in released
 * cells. {@code tests.{chisq, fisher, notes[]}} and, for a 2 × 2 table,
 * {@code measures.{risk_difference, odds_ratio}} ({@link TableTests}; left out, with a note, when a
 * cell is suppressed).
 */
public record TableResult(TableParameters parameters, List<String> rows, List<String> cols, double[][] counts,
                          boolean[][] suppressed, TableTests tests, List<String> sites, String where)
        implements MethodResult {

    public TableResult {
        rows = List.copyOf(rows);
        cols = List.copyOf(cols);
        double[][] copy = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        counts = copy;
        boolean[][] hidden = new boolean[suppressed.length][];
        for (int i = 0; i < suppressed.length; i++) {
            hidden[i] = suppressed[i].clone();
        }
        suppressed = hidden;
        sites = List.copyOf(sites);
    }

    /** The count in one cell (a one-way table has only column 0); NaN where the cell is suppressed. */
    public double count(int row, int col) {
        return counts[row][col];
    }

    /** Rows counted (complete in every variable) over all sites, in cells not suppressed. */
    public double n() {
        double n = 0;
        for (double[] r : counts) {
            for (double v : r) {
                if (!Double.isNaN(v)) {
                    n += v;
                }
            }
        }
        return n;
    }

    /** Whether any site suppressed any cell. */
    public boolean anySuppressed() {
        for (boolean[] r : suppressed) {
            for (boolean s : r) {
                if (s) {
                    return true;
                }
            }
        }
        return false;
    }

    private String cell(int row, int col) {
        return suppressed[row][col] ? "*" : ResultText.fmt(counts[row][col]);
    }

    private String suppressionNote() {
        return anySuppressed() ? "* suppressed at one or more sites (a count below the site's min_cell_count, or a "
                + "cell protecting one); " + ResultText.fmt(n()) + " rows are in the other cells\n" : "";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = ResultText.document("table", where, sites, n());
        ObjectNode table = root.putObject("table");
        table.put("row_variable", parameters.rows());
        ResultText.text(table, "col_variable", parameters.cols());
        ArrayNode r = table.putArray("rows");
        rows.forEach(r::add);
        ArrayNode c = table.putArray("cols");
        cols.forEach(c::add);
        ArrayNode m = table.putArray("counts");
        for (double[] row : counts) {
            ArrayNode a = m.addArray();
            for (double v : row) {
                ResultText.count(a, v);
            }
        }
        ArrayNode s = table.putArray("suppressed");
        for (boolean[] row : suppressed) {
            ArrayNode a = s.addArray();
            for (boolean v : row) {
                a.add(v);
            }
        }
        tests.writeTo(root);
        ObjectNode options = root.putObject("options");
        options.put("rows", parameters.rows());
        ResultText.text(options, "cols", parameters.cols());
        ResultText.levels(options, parameters.levels());
        options.put("correct", parameters.correct());
        options.put("conf_level", parameters.confLevel());
        return root;
    }

    @Override
    public List<String> warnings() {
        return tests.warnings();
    }

    /** As R prints {@code table(rows, cols)}: variable names as dimension labels, counts aligned. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(ResultText.heading("Table of " + ResultText.fmt(n()) + " complete rows", sites,
                where));
        List<List<String>> grid = new ArrayList<>();
        if (parameters.cols() == null) {
            sb.append(parameters.rows()).append('\n');
            List<String> header = new ArrayList<>(List.of(""));
            List<String> values = new ArrayList<>(List.of(""));
            for (int i = 0; i < rows.size(); i++) {
                header.add(rows.get(i));
                values.add(cell(i, 0));
            }
            grid.add(header);
            grid.add(values);
            return sb.append(ResultText.grid(grid, "")).append(suppressionNote()).append(tests.toText()).toString();
        }
        List<String> header = new ArrayList<>(List.of(parameters.rows()));
        header.addAll(cols);
        grid.add(header);
        for (int i = 0; i < rows.size(); i++) {
            List<String> line = new ArrayList<>(List.of("  " + rows.get(i)));
            for (int j = 0; j < counts[i].length; j++) {
                line.add(cell(i, j));
            }
            grid.add(line);
        }
        String body = ResultText.grid(grid, "");
        int labelWidth = body.indexOf('\n') < 0 ? 0 : Math.max(parameters.rows().length(),
                rows.stream().mapToInt(s -> s.length() + 2).max().orElse(0));
        sb.append(" ".repeat(labelWidth + 1)).append(parameters.cols()).append('\n');
        return sb.append(body).append(suppressionNote()).append(tests.toText()).toString();
    }
}
