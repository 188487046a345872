package org.medfed.methods.pca;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.medfed.data.Table;
import org.medfed.error.DataException;
import org.medfed.error.UsageException;
import org.medfed.formula.ModelFrame;

/**
 * A PCA result's projection, applied at a site to its own rows: the scores
 * {@code ((x − center) / scale) · loadings} of every row the job analysed there (kept by the job's
 * row filter and complete in every column), as R's {@code prcomp(...)$x} gives them for the pooled
 * rows. Scores need a row's own values, so they are computed where the row lives and never released;
 * this is the site-local half of PCA's output that {@link PcaResult} says exists. Built from the
 * published JSON of a pca result ({@link #fromResultJson}), so a result from the simulator, a hub's
 * job or {@code medfed result} projects the same.
 *
 * @param columns    the analysed columns, in the loadings' row order
 * @param center     each column's pooled mean
 * @param scale      each column's pooled standard deviation, or null when the PCA was not scaled
 * @param loadings   {@code loadings[i][j]}: loading of column i on component j (the reported components)
 * @param components the reported components' names (PC1, PC2, ...)
 * @param where      the job's row filter, or null for all rows
 */
public record PcaScores(List<String> columns, double[] center, double[] scale, double[][] loadings,
                        List<String> components, String where) {

    /** Scores of a site's rows: {@code rows[r]} is the table row whose scores are {@code values[r]}. */
    public record Projected(int[] rows, double[][] values) {
    }

    public PcaScores {
        columns = List.copyOf(columns);
        components = List.copyOf(components);
    }

    /**
     * Reads the projection from a pca result's JSON ({@code columns, center, scale, loadings, where});
     * {@code source} names the file in messages. Anything else, or a malformed pca result, is a
     * {@link UsageException} saying what is wrong.
     */
    public static PcaScores fromResultJson(JsonNode result, String source) {
        String method = result.path("method").asText("");
        if (!method.equals("pca")) {
            throw new UsageException(source + " is not a pca result"
                    + (method.isEmpty() ? " (it has no \"method\")" : " (its method is " + method + ")"));
        }
        List<String> columns = strings(result.path("columns"), source, "columns");
        int p = columns.size();
        if (p < 2 || new LinkedHashSet<>(columns).size() != p) {
            throw malformed(source, "\"columns\" must name two or more distinct columns");
        }
        double[] center = numbers(result.path("center"), p, source, "center");
        JsonNode scaleJson = result.path("scale");
        double[] scale = scaleJson.isNull() || scaleJson.isMissingNode() ? null : numbers(scaleJson, p, source, "scale");
        if (scale != null) {
            for (int i = 0; i < p; i++) {
                if (!(scale[i] > 0)) {
                    throw malformed(source, "the scale of " + columns.get(i) + " is " + scale[i] + ", not a positive number");
                }
            }
        }
        JsonNode loadings = result.path("loadings");
        if (!strings(loadings.path("rows"), source, "loadings.rows").equals(columns)) {
            throw malformed(source, "\"loadings.rows\" differ from \"columns\"");
        }
        List<String> components = strings(loadings.path("cols"), source, "loadings.cols");
        int k = components.size();
        if (k < 1 || k > p) {
            throw malformed(source, "\"loadings.cols\" must name 1 to " + p + " components");
        }
        JsonNode matrix = loadings.path("matrix");
        if (!matrix.isArray() || matrix.size() != p) {
            throw malformed(source, "\"loadings.matrix\" must have a row for each of the " + p + " columns");
        }
        double[][] l = new double[p][];
        for (int i = 0; i < p; i++) {
            l[i] = numbers(matrix.get(i), k, source, "loadings.matrix row " + (i + 1));
        }
        String where = result.path("where").asText("");
        return new PcaScores(columns, center, scale, l, components, where.isBlank() ? null : where);
    }

    /**
     * The scores of the rows {@code keep} marks (null: every row) that are complete in every column,
     * in table order. A column the table lacks, a value that is not a number or an infinite value is
     * a {@link DataException} naming the site, file, line and column.
     */
    public Projected project(Table table, boolean[] keep) {
        int p = columns.size();
        double[][] x = new double[p][];
        for (int i = 0; i < p; i++) {
            String column = columns.get(i);
            if (!table.hasColumn(column)) {
                throw new DataException(table.location().withColumn(column), "no such column, which the PCA analysed "
                        + "(columns are: " + String.join(", ", table.columnNames()) + ")");
            }
            x[i] = ModelFrame.numbers(table, column, keep, "the PCA analysed this column as numbers");
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (keep != null && !keep[r]) {
                continue;
            }
            boolean complete = true;
            for (int i = 0; i < p && complete; i++) {
                complete = !Double.isNaN(x[i][r]);
            }
            if (complete) {
                rows.add(r);
            }
        }
        int k = components.size();
        int[] kept = new int[rows.size()];
        double[][] scores = new double[rows.size()][k];
        double[] z = new double[p];
        for (int m = 0; m < kept.length; m++) {
            int r = rows.get(m);
            kept[m] = r;
            for (int i = 0; i < p; i++) {
                double v = x[i][r];
                if (Double.isInfinite(v)) {
                    throw new DataException(table.locate(r, columns.get(i)), "value is " + (v > 0 ? "Inf" : "-Inf")
                            + "; principal component scores need finite values");
                }
                z[i] = (v - center[i]) / (scale == null ? 1 : scale[i]);
            }
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int i = 0; i < p; i++) {
                    s += z[i] * loadings[i][j];
                }
                scores[m][j] = s;
            }
        }
        return new Projected(kept, scores);
    }

    private static List<String> strings(JsonNode array, String source, String field) {
        if (!array.isArray()) {
            throw malformed(source, "no \"" + field + "\" array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) {
            if (!s.isTextual()) {
                throw malformed(source, "\"" + field + "\" must hold names");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static double[] numbers(JsonNode array, int size, String source, String field) {
        if (!array.isArray() || array.size() != size) {
            throw malformed(source, "\"" + field + "\" must hold " + size + " numbers");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw malformed(source, "\"" + field + "\" holds " + v + " where a finite number belongs");
            }
            out[i] = v.asDouble();
        }
        return out;
    }

    private static UsageException malformed(String source, String problem) {
        return new UsageException(source + " is not a complete pca result: " + problem);
    }
}
