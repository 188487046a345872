package org.medfed.methods.svm;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.data.Column;
import org.medfed.data.NumericColumn;
import org.medfed.data.Table;
import org.medfed.data.TextColumn;
import org.medfed.error.DataException;
import org.medfed.formula.Design;
import org.medfed.formula.FactorLevels;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Payload;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.methods.admm.ConsensusSite;
import org.medfed.methods.admm.ConsensusSteps;
import org.medfed.methods.frame.FrameRound;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.ModelRounds;

/**
 * The site half of an svm job: builds the local design and the ±1 labels once, keeps the local
 * dual solver (its α, one per row: which rows are support vectors) and the ADMM's local primal and
 * scaled dual in site state — none of it is released — and answers each round with sums only.
 */
final class SvmSite implements SiteHalf {
    private static final String DESIGN = "svm.design";
    private static final String LABELS = "svm.labels";
    private static final String SOLVER = "svm.solver";
    private static final String CONSENSUS = "svm.consensus";

    private final SvmParameters parameters;
    private final SvmModel model;

    SvmSite(SvmParameters parameters) {
        this.parameters = parameters;
        this.model = SvmModel.of(parameters.formula());
    }

    @Override
    public Contribution compute(Request request, SiteData data, SiteState state) {
        if (request.step().equals(FrameRound.STEP)) {
            Contribution schema = FrameRound.answer(model.schema(), null, data);
            refuseNonBinary(data.table(), schema.disclosure());
            ModelRounds.keepLevels(state, schema);
            return schema;
        }
        Payload values = switch (request.step()) {
            case SvmSteps.START -> start(request, data, state);
            case SvmSteps.ADMM -> admm(request, state);
            case SvmSteps.EVALUATE -> evaluate(request, state);
            default -> throw new IllegalStateException("svm site: unknown step " + request.step());
        };
        Design d = state.get(DESIGN, Design.class);
        Disclosure facts = ModelRounds.disclosure(state, d);
        if (request.step().equals(SvmSteps.EVALUATE) && values.hasNumber(SvmSteps.CORRECT)) {
            // The correct count and its complement (rows − correct) group rows by their fitted class.
            int correct = (int) values.scalar(SvmSteps.CORRECT);
            facts = facts.withSmallestCell(Math.min(correct, d.rowsUsed() - correct)).withFittedValueCounts();
        }
        return new Contribution(values, facts);
    }

    /**
     * A site whose own complete rows carry more than two response labels cannot be fitted: name the
     * first row (in file order) of the rarest label, the likeliest typo. (Two labels here and
     * another two elsewhere are caught at the hub, which sees only the union.)
     */
    private void refuseNonBinary(Table table, Disclosure schema) {
        Integer count = schema.factorLevels().get(model.responseKey());
        if (count == null || count <= 2) {
            return;
        }
        Column response = table.column(model.response());
        BitSet rows = schema.rowsUsed();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new LinkedHashMap<>();
        for (int r = rows.nextSetBit(0); r >= 0; r = rows.nextSetBit(r + 1)) {
            String label = label(response, r);
            counts.merge(label, 1, Integer::sum);
            firstRow.putIfAbsent(label, r);
        }
        String rarest = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (rarest == null || e.getValue() < counts.get(rarest)) {
                rarest = e.getKey();
            }
        }
        throw new DataException(table.locate(firstRow.get(rarest), model.response()), "svm needs a binary outcome (0/1 or "
                + "two levels), but this column has " + counts.size() + " levels (" + String.join(", ", counts.keySet())
                + "); the rarest, '" + rarest + "', is first here");
    }

    private static String label(Column response, int row) {
        return response instanceof TextColumn t ? t.get(row) : FactorLevels.numberLabel(((NumericColumn) response).get(row));
    }

    private Payload start(Request request, SiteData data, SiteState state) {
        FrameSpec spec = FrameSpec.readFrom(request.parameters());
        List<String> classes = request.parameters().label(SvmSteps.CLASSES);
        Table table = data.table();
        Column response = table.column(model.response());
        boolean[] keep = new boolean[table.rowCount()];
        int kept = 0;
        for (int i = 0; i < keep.length; i++) {
            boolean inFilter = data.keep() == null || data.keep()[i];
            kept += inFilter ? 1 : 0;
            keep[i] = inFilter && !response.isMissing(i);
        }
        Design d = spec.design(table, model.design(), keep);
        if (d.rowsUsed() == 0) {
            throw new DataException(table.location(), "no usable rows: every row has a missing value in "
                    + String.join(", ", model.formula().variables()) + " or is outside the row filter (--where)");
        }
        int[] sourceRows = d.sourceRows();
        double[] labels = new double[sourceRows.length];
        for (int i = 0; i < sourceRows.length; i++) {
            String label = label(response, sourceRows[i]);
            int k = classes.indexOf(label);
            if (k < 0) {
                throw new DataException(table.locate(sourceRows[i], model.response()),
                        "response level '" + label + "' is not one of the job's two classes " + classes);
            }
            labels[i] = k == 1 ? 1 : -1;
        }
        state.put(DESIGN, d);
        state.put(LABELS, labels);
        Payload.Builder b = Payload.builder()
                .put(SvmSteps.ROWS, d.rowsUsed())
                .put(SvmSteps.ROWS_DROPPED, kept - d.rowsUsed());
        if (request.releases().stream().anyMatch(q -> q.name().equals(SvmSteps.COLUMN_SUMS))) {
            double[][] x = d.x();
            double[] sums = new double[x.length];
            double[] squares = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                for (double v : x[j]) {
                    sums[j] += v;
                    squares[j] += v * v;
                }
            }
            b.put(SvmSteps.COLUMN_SUMS, sums).put(SvmSteps.COLUMN_SQUARES, squares);
        }
        return b.build();
    }

    private Payload admm(Request request, SiteState state) {
        if (!state.has(SOLVER)) {
            Design d = state.get(DESIGN, Design.class);
            WorkingCoordinates coordinates = coordinates(request.parameters(), d);
            double[] labels = state.get(LABELS, double[].class);
            state.put(SOLVER, new HingeDualSolver(coordinates.rows(d), labels, parameters.cost(),
                    HingeDualSolver.DEFAULT_TOLERANCE, HingeDualSolver.DEFAULT_MAX_SWEEPS));
            ConsensusSite consensus = new ConsensusSite(d.x().length);
            if (parameters.warmStart() != null) {
                // The first z is the previous fit's: start the duals where that fit leaves this site's rows.
                HingeDualSolver solver = state.get(SOLVER, HingeDualSolver.class);
                consensus.seedDual(solver.seed(request.parameters().number(ConsensusSteps.Z)));
            }
            state.put(CONSENSUS, consensus);
        }
        HingeDualSolver solver = state.get(SOLVER, HingeDualSolver.class);
        ConsensusSite consensus = state.get(CONSENSUS, ConsensusSite.class);
        Payload.Builder out = consensus.answer(request.parameters(), solver, Payload.builder());
        if (request.releases().stream().anyMatch(q -> q.name().equals(SvmSteps.DUAL_SUM))) {
            out.put(SvmSteps.DUAL_SUM, solver.alphaSum()).put(SvmSteps.DUAL_DIRECTION, solver.alphaDirection());
        }
        return out.build();
    }

    private WorkingCoordinates coordinates(Payload request, Design d) {
        int biasIndex = d.columnNames().indexOf("(Intercept)");
        return new WorkingCoordinates(biasIndex, parameters.bias(), request.number(SvmSteps.CENTRE),
                request.number(SvmSteps.SCALE));
    }

    private static Payload evaluate(Request request, SiteState state) {
        HingeDualSolver solver = state.get(SOLVER, HingeDualSolver.class);
        double[] w = request.parameters().number(SvmSteps.WEIGHTS);
        Payload.Builder b = Payload.builder().put(SvmSteps.HINGE, solver.hingeSum(w));
        if (request.releases().stream().anyMatch(q -> q.name().equals(SvmSteps.CORRECT))) {
            b.put(SvmSteps.CORRECT, solver.correct(w));
        }
        return b.build();
    }
}
