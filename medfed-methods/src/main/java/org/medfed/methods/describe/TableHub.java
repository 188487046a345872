package org.medfed.methods.describe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.formula.Formula;
import org.medfed.method.Aggregate;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Step;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The hub half of a table job: the schema handshake (the union of levels present, in R's order
 * or the analyst's), then one round of summed cell counts.
 */
final class TableHub implements HubHalf {
    private final TableParameters parameters;
    private final JobContext context;
    private final Formula formula;
    private int round;
    private List<String> rowLevels;
    private List<String> colLevels = List.of();

    TableHub(TableParameters parameters, JobContext context) {
        this.parameters = parameters;
        this.context = context;
        this.formula = TableSteps.formula(parameters.variables());
    }

    @Override
    public Step start() {
        return new Step.Next(Request.toAll(round++, FrameRound.STEP, Payload.EMPTY, FrameRound.releases(formula)));
    }

    @Override
    public Step next(Aggregate a) {
        return rowLevels == null ? afterSchema(a) : afterCounts(a);
    }

    private Step afterSchema(Aggregate a) {
        // The analyst names columns; the schema round keys levels by factor(column).
        List<String> variables = parameters.variables();
        List<String> keys = formula.factorKeys();
        Map<String, List<String>> userLevels = new LinkedHashMap<>();
        parameters.levels().forEach((column, lv) -> userLevels.put(keys.get(variables.indexOf(column)), lv));
        FrameSpec spec = FrameRound.harmonize(formula, a, userLevels);
        rowLevels = spec.levels().of(keys.get(0));
        if (variables.size() == 2) {
            colLevels = spec.levels().of(keys.get(1));
        }
        Payload.Builder b = Payload.builder();
        spec.writeTo(b);
        return new Step.Next(Request.toAll(round++, TableSteps.COUNTS, b.build(),
                TableSteps.countReleases(rowLevels.size(), colLevels.size())));
    }

    private Step afterCounts(Aggregate a) {
        double[] cells = a.sum(TableSteps.COUNTS);
        double[] flags = a.sum(TableSteps.SUPPRESSED);
        int c = Math.max(1, colLevels.size());
        double[][] counts = new double[rowLevels.size()][c];
        boolean[][] suppressed = new boolean[counts.length][c];
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < c; j++) {
                // A cell any site suppressed has an unknown pooled count: the sum holds only the
                // other sites' counts, which would read as a (too small) total.
                suppressed[i][j] = flags[i * c + j] > 0;
                counts[i][j] = suppressed[i][j] ? Double.NaN : cells[i * c + j];
            }
        }
        TableTests tests = TableTests.of(counts, suppressed, parameters.cols() != null, parameters.correct(),
                parameters.confLevel());
        return new Step.Done(new TableResult(parameters, rowLevels, colLevels, counts, suppressed, tests, context.sites(),
                context.where()));
    }
}
