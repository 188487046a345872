package org.medfed.methods.pca;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medfed.method.MethodResult;

/**
 * Principal components of the pooled complete rows, as R's {@code prcomp}: standard deviations
 * (square roots of the eigenvalues of the covariance or correlation matrix), proportions of
 * variance, loadings ({@code rotation}), centre and scale. Loadings follow one documented sign
 * convention, since an eigenvector's sign is arbitrary: each component is multiplied by the sign of
 * its largest-|loading| element (the first of equals), so that element is positive. JSON:
 * {@code columns[], matrix, components[], sdev[], variance[], proportion_of_variance[],
 * cumulative_proportion[], loadings.{rows[], cols[], matrix[][]}, center[], scale[] (null without
 * scaling), sign_convention, scores}. Scores stay at the sites.
 *
 * @param sdev     standard deviation of every component, largest first (all of them, even with k)
 * @param loadings {@code loadings[i][j]}: loading of column i on component j, for the first k components
 * @param center   the pooled mean of each column
 * @param scale    the pooled standard deviation (n − 1) of each column, or null when not scaled
 */
public record PcaResult(PcaParameters parameters, double n, double[] sdev, double[][] loadings, double[] center,
                        double[] scale, List<String> sites, String where, List<String> warnings) implements MethodResult {

    static final String SIGN_CONVENTION = "each component's loadings are multiplied by the sign of its largest-|loading| "
            + "element (the first of equals), so that element is positive";
    static final String SCORES = "scores stay at the sites: a row's scores need its own values, which never leave its site";

    public PcaResult {
        sdev = sdev.clone();
        double[][] copy = new double[loadings.length][];
        for (int i = 0; i < loadings.length; i++) {
            copy[i] = loadings[i].clone();
        }
        loadings = copy;
        center = center.clone();
        scale = scale == null ? null : scale.clone();
        sites = List.copyOf(sites);
        warnings = List.copyOf(warnings);
    }

    /** The components of an eigen decomposition of the analysed matrix, signs normalized, first k loadings kept. */
    static PcaResult of(PcaParameters parameters, double n, double[] center, double[] scale, SymmetricEigen eigen,
                        List<String> sites, String where) {
        int p = eigen.values().length;
        int k = parameters.reported();
        List<String> warnings = new ArrayList<>();
        double[] sdev = new double[p];
        for (int j = 0; j < p; j++) {
            double value = eigen.values()[j];
            // Rounding (or a gate's noise) can leave a zero eigenvalue slightly negative; a variance is not.
            sdev[j] = Math.sqrt(Math.max(0, value));
            if (value < 0 && -value > 1e-12 * Math.abs(eigen.values()[0])) {
                warnings.add("eigenvalue " + (j + 1) + " of the " + (scale == null ? "covariance" : "correlation")
                        + " matrix is negative (" + fmt(value) + "): its standard deviation is reported as 0");
            }
        }
        double[][] loadings = new double[p][k];
        for (int j = 0; j < k; j++) {
            int largest = 0;
            for (int i = 1; i < p; i++) {
                if (Math.abs(eigen.vectors()[i][j]) > Math.abs(eigen.vectors()[largest][j])) {
                    largest = i;
                }
            }
            double sign = eigen.vectors()[largest][j] < 0 ? -1 : 1;
            for (int i = 0; i < p; i++) {
                loadings[i][j] = sign * eigen.vectors()[i][j];
            }
        }
        return new PcaResult(parameters, n, sdev, loadings, center, scale, sites, where, warnings);
    }

    /** Component names: PC1, PC2, … */
    public List<String> components() {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= sdev.length; j++) {
            names.add("PC" + j);
        }
        return names;
    }

    /** Variance of each component (sdev²). */
    public double[] variance() {
        double[] v = new double[sdev.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = sdev[j] * sdev[j];
        }
        return v;
    }

    /** Share of the total variance of each component, as {@code summary(prcomp)}. */
    public double[] proportionOfVariance() {
        double[] v = variance();
        double total = 0;
        for (double x : v) {
            total += x;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= total;
        }
        return v;
    }

    /** Running sum of the proportions of variance. */
    public double[] cumulativeProportion() {
        double[] v = proportionOfVariance();
        for (int j = 1; j < v.length; j++) {
            v[j] += v[j - 1];
        }
        return v;
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("method", "pca");
        if (where != null) {
            root.put("where", where);
        }
        ArrayNode s = root.putArray("sites");
        sites.forEach(name -> s.addObject().put("name", name));
        if (n == Math.rint(n)) {
            root.put("n", (long) n);
        } else {
            // A gate's noise can make the released count fractional.
            MethodResult.putFinite(root, "n", n);
        }
        strings(root.putArray("columns"), parameters.columns());
        root.put("matrix", scale == null ? "covariance" : "correlation");
        strings(root.putArray("components"), components());
        numbers(root.putArray("sdev"), sdev);
        numbers(root.putArray("variance"), variance());
        numbers(root.putArray("proportion_of_variance"), proportionOfVariance());
        numbers(root.putArray("cumulative_proportion"), cumulativeProportion());
        ObjectNode l = root.putObject("loadings");
        strings(l.putArray("rows"), parameters.columns());
        strings(l.putArray("cols"), components().subList(0, parameters.reported()));
        ArrayNode m = l.putArray("matrix");
        for (double[] row : loadings) {
            numbers(m.addArray(), row);
        }
        numbers(root.putArray("center"), center);
        if (scale == null) {
            root.putNull("scale");
        } else {
            numbers(root.putArray("scale"), scale);
        }
        root.put("sign_convention", SIGN_CONVENTION);
        root.put("scores", SCORES);
        ObjectNode options = root.putObject("options");
        strings(options.putArray("columns"), parameters.columns());
        options.put("scale", parameters.scale());
        options.put("k", parameters.reported());
        return root;
    }

    /** As R prints {@code summary(prcomp(...))}: the importance of components, then the rotation. */
    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("Principal components of " + fmt(n) + " complete rows at " + sites.size()
                + (sites.size() == 1 ? " site (" : " sites (") + String.join(", ", sites) + ")"
                + (where == null ? "" : ", subset = " + where) + "\n");
        sb.append(scale == null ? "Covariance matrix (variables centred, not scaled)\n\n"
                : "Correlation matrix (variables centred and scaled to unit variance)\n\n");
        sb.append("Importance of components:\n");
        List<List<String>> importance = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(components());
        importance.add(header);
        importance.add(row("Standard deviation", sdev, 5));
        importance.add(row("Proportion of Variance", proportionOfVariance(), 4));
        importance.add(row("Cumulative Proportion", cumulativeProportion(), 4));
        sb.append(grid(importance)).append('\n');
        sb.append("Rotation (loadings; the largest |loading| of each component positive):\n");
        List<List<String>> rotation = new ArrayList<>();
        List<String> cols = new ArrayList<>(List.of(""));
        cols.addAll(components().subList(0, parameters.reported()));
        rotation.add(cols);
        for (int i = 0; i < loadings.length; i++) {
            rotation.add(row(parameters.columns().get(i), loadings[i], 7));
        }
        sb.append(grid(rotation)).append('\n');
        sb.append("Scores stay at the sites: a row's scores need its own values, which never leave its site.\n");
        return sb.toString();
    }

    private static List<String> row(String name, double[] values, int digits) {
        List<String> r = new ArrayList<>(List.of(name));
        for (double v : values) {
            r.add(signif(v, digits));
        }
        return r;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }

    /** R's default print: 7 significant digits, NA for undefined values. */
    static String fmt(double v) {
        return signif(v, 7);
    }

    private static String signif(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e15)) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** Rows of cells as aligned text: the first column left-aligned, the others right-aligned. */
    private static String grid(List<List<String>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] w = new int[width];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String fill = " ".repeat(w[i] - r.get(i).length());
                line.append(i == 0 ? r.get(i) + fill : " " + fill + r.get(i));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
