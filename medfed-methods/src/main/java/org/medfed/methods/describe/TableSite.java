package org.medfed.methods.describe;

import java.util.BitSet;
import java.util.List;
import org.medfed.data.Table;
import org.medfed.formula.Formula;
import org.medfed.formula.ModelFrame;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.Sensitivity;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;

/**
 * The site half of a table job: the schema round over the rows complete in every variable, then
 * the count of those rows in each cell. Each row falls in exactly one cell.
 */
final class TableSite implements SiteHalf {

    private final TableParameters parameters;
    private final Formula formula;

    TableSite(TableParameters parameters) {
        this.parameters = parameters;
        this.formula = TableSteps.formula(parameters.variables());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        return switch (request.step()) {
            case FrameRound.STEP -> FrameRound.answerAndKeep(formula, data, state);
            case TableSteps.COUNTS -> counts(request, data, FrameRound.kept(state));
            default -> throw new IllegalStateException("table site: unknown step " + request.step());
        };
    }

    private Contribution counts(Request request, SiteData data, Disclosure schema) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        Table table = data.table();
        BitSet complete = schema.rowsUsed();
        boolean[] counted = new boolean[table.rowCount()];
        complete.stream().forEach(i -> counted[i] = true);
        List<String> variables = parameters.variables();
        List<String> keys = formula.factorKeys();
        List<String> rowLevels = spec.levels().of(keys.get(0));
        int[] rowCodes = ModelFrame.levelCodes(table, variables.get(0), rowLevels, variables.get(0), counted);
        int[] colCodes = null;
        int c = 1;
        if (variables.size() == 2) {
            List<String> colLevels = spec.levels().of(keys.get(1));
            colCodes = ModelFrame.levelCodes(table, variables.get(1), colLevels, variables.get(1), counted);
            c = colLevels.size();
        }
        double[] cells = new double[rowLevels.size() * c];
        for (int i = complete.nextSetBit(0); i >= 0; i = complete.nextSetBit(i + 1)) {
            cells[rowCodes[i] * c + (colCodes == null ? 0 : colCodes[i])]++;
        }
        // No smallest cell is declared: the gate judges each cell itself (suppresses or refuses).
        Disclosure d = schema.withSensitivity(TableSteps.COUNTS, Sensitivity.counts())
                .withSuppressibleCells(TableSteps.COUNTS, TableSteps.SUPPRESSED);
        return new Contribution(Payload.builder().put(TableSteps.COUNTS, cells)
                .put(TableSteps.SUPPRESSED, new double[cells.length]).build(), d);
    }
}
