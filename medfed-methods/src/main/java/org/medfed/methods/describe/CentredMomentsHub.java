package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.error.UsageException;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of the {@link CentredMoments} protocol, for methods built on the moments of
 * numeric columns (correlation, PCA). Rounds: the schema handshake (every column must be
 * numeric); the count of complete rows and the column sums, hence the global means; then the
 * centred cross-products around those means. A method says how many rows it needs and what it
 * makes of the moments.
 */
public abstract class CentredMomentsHub implements HubHalf {
    private enum Phase { SCHEMA, MOMENTS, CROSS }

    private final String method;
    private final String needsNumbers;
    private final List<String> columns;
    private final Formula formula;
    private Phase phase = Phase.SCHEMA;
    private int round;
    private double n;
    private double[] mean;

    /**
     * @param method       the method's name, which starts its messages
     * @param needsNumbers what needs numeric columns, e.g. "a Pearson correlation needs"
     * @param columns      the columns, in the order of the released vectors
     */
    protected CentredMomentsHub(String method, String needsNumbers, List<String> columns) {
        this.method = method;
        this.needsNumbers = needsNumbers;
        this.columns = List.copyOf(columns);
        this.formula = CentredMoments.formula(columns);
    }

    /** Refuses (throws) when {@code n} complete rows over all sites are too few for the method. */
    protected abstract void checkRows(double n);

    /**
     * The result from the pooled moments.
     *
     * @param crossProducts Σ (x_i − mean_i)(x_j − mean_j) over the complete rows, the full symmetric matrix
     */
    protected abstract Step finish(double n, double[] mean, double[][] crossProducts);

    @Override
    public final Step start() {
        return new Step.Next(Request.toAll(round++, FrameRound.STEP, Payload.EMPTY, FrameRound.releases(formula)));
    }

    @Override
    public final Step next(Aggregate a) {
        return switch (phase) {
            case SCHEMA -> afterSchema(a);
            case MOMENTS -> afterMoments(a);
            case CROSS -> afterCross(a);
        };
    }

    private Step afterSchema(Aggregate a) {
        FrameSpec spec = FrameRound.harmonize(formula, a, Map.of());
        List<String> text = new ArrayList<>();
        for (String column : columns) {
            if (!spec.numericVariables().contains(column)) {
                text.add(column);
            }
        }
        if (!text.isEmpty()) {
            throw new UsageException(method + ": " + (text.size() == 1 ? "column " : "columns ") + String.join(", ", text)
                    + (text.size() == 1 ? " is" : " are") + " not numeric at any site (text); " + needsNumbers
                    + " numeric columns");
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        phase = Phase.MOMENTS;
        return new Step.Next(Request.toAll(round++, CentredMoments.MOMENTS, b.build(),
                CentredMoments.momentReleases(columns.size())));
    }

    private Step afterMoments(Aggregate a) {
        n = a.scalar(CentredMoments.N);
        checkRows(n);
        mean = a.sum(CentredMoments.SUM).clone();
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= n;
        }
        phase = Phase.CROSS;
        return new Step.Next(Request.toAll(round++, CentredMoments.CROSS,
                Payload.builder().put(CentredMoments.MEAN, mean).build(), CentredMoments.crossReleases(mean.length)));
    }

    private Step afterCross(Aggregate a) {
        double[] packed = a.sum(CentredMoments.CROSS_PRODUCTS);
        int k = columns.size();
        double[][] s = new double[k][k];
        int e = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                s[i][j] = packed[e];
                s[j][i] = packed[e++];
            }
        }
        return finish(n, mean, s);
    }
}
