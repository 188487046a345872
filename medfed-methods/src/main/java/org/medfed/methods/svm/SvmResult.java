package org.medfed.methods.svm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.method.JobContext;
import org.medfed.method.MethodResult;
import org.medfed.methods.admm.Solution;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;

/**
 * A fitted linear SVM: the decision function's coefficients on the original scale (the intercept
 * is the bias feature's weight times B), liblinear's weight vector, the objective
 * ½||w||² + C Σ hinge at the final consensus with its two parts, the training accuracy from summed
 * counts (when asked for), the duality gap (with a gap tolerance), the ADMM's rounds, residuals
 * and final ρ, and where the fit started from.
 *
 * @param hingeSum   Σᵢ max(0, 1 − yᵢ wᵀxᵢ) over all sites' rows, summed in the evaluation round
 * @param penalty    ½||w||² (liblinear's w, the bias feature's weight included)
 * @param correct    rows classified correctly, summed over sites; NaN unless the analyst asked for
 *                   the training accuracy
 * @param dualBound  the best SVM dual objective the rounds proved (over convex combinations of
 *                   recent rounds' dual variables, see {@link DualCertificate}): a lower bound on the
 *                   optimum, so {@link #dualityGap()} bounds how far {@link #objective()} is above
 *                   it; NaN when no gap tolerance was asked for (the sites did not release its sums)
 * @param stoppedBy  why the ADMM stopped: {@code residuals}, {@code duality_gap} (the gap within
 *                   {@link SvmParameters#gapTolerance()}) or {@code iteration_limit}
 */
public record SvmResult(SvmParameters parameters, String formula, String where, List<String> classes, List<String> terms,
                        double[] estimates, double[] weights, double hingeSum, double penalty, double correct,
                        double dualBound, String stoppedBy, boolean converged, int iterations, double primalResidual, double dualResidual, double rho,
                        Map<String, Integer> rowsBySite, Map<String, Integer> droppedBySite, List<String> warnings,
                        FrameSpec frame) implements MethodResult {

    static SvmResult of(SvmParameters parameters, SvmModel model, FrameSpec frame, List<String> classes, List<String> terms,
                        double[] estimates, double[] weights, double hingeSum, double penalty, double correct,
                        Solution solution, DualityGap gap, boolean certified, Map<String, Integer> rowsBySite,
                        Map<String, Integer> droppedBySite, List<String> warnings, JobContext context) {
        String stoppedBy = !solution.converged() ? "iteration_limit" : certified ? "duality_gap" : "residuals";
        double dualBound = gap == null ? Double.NaN : gap.dual();
        return new SvmResult(parameters, model.formula().text(), context.where(), List.copyOf(classes), List.copyOf(terms),
                estimates.clone(), weights.clone(), hingeSum, penalty, correct, dualBound, stoppedBy, solution.converged(),
                solution.iterations(),
                solution.primalResidual(), solution.dualResidual(), solution.rho(), new LinkedHashMap<>(rowsBySite),
                new LinkedHashMap<>(droppedBySite), List.copyOf(warnings), frame);
    }

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** ½||w||² + C Σ hinge. */
    public double objective() {
        return penalty + parameters.cost() * hingeSum;
    }

    /**
     * The duality gap at the answer: the objective is at most this much above the optimum (a
     * certificate from the sites' summed dual variables, not an estimate). Never negative; NaN
     * when the fit had no gap tolerance.
     */
    public double dualityGap() {
        return Double.isNaN(dualBound) ? Double.NaN : Math.max(0, objective() - dualBound);
    }

    /** {@link #dualityGap()} relative to the objective. */
    public double relativeDualityGap() {
        return dualityGap() / objective();
    }

    /** Correct / total on the training rows (NaN unless asked for). */
    public double accuracy() {
        return correct / n();
    }

    public double estimate(String term) {
        int j = terms.indexOf(term);
        if (j < 0) {
            throw new IllegalArgumentException("no term " + term);
        }
        return estimates[j];
    }

    /** This fit as the start of a refit (online update), {@code source} naming where it is kept. */
    public SvmParameters.WarmStart warmStart(String source) {
        return new SvmParameters.WarmStart(source, formula, terms, estimates, classes.get(1), iterations, rho);
    }

    @Override
    public double[] estimates() {
        return estimates.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    private boolean hasBias() {
        return terms.contains("(Intercept)");
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("method", "svm");
        root.put("formula", formula);
        if (where != null) {
            root.put("where", where);
        }
        root.put("loss", "hinge");
        root.put("objective_form", "1/2 ||w||^2 + C * sum max(0, 1 - y w'x) (liblinear -s 3)");
        root.put("cost", parameters.cost());
        if (hasBias()) {
            root.put("bias", parameters.bias());
        } else {
            root.putNull("bias");
        }
        ObjectNode cls = root.putObject("classes");
        cls.put("negative", classes.get(0));
        cls.put("positive", classes.get(1));
        root.put("converged", converged);
        root.put("iterations", iterations);
        root.put("n", n());
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        ArrayNode coefs = root.putArray("coefficients");
        for (int j = 0; j < terms.size(); j++) {
            ObjectNode o = coefs.addObject();
            o.put("term", terms.get(j));
            MethodResult.putFinite(o, "estimate", estimates[j]);
        }
        ArrayNode w = root.putArray("weights");
        for (double v : weights) {
            w.add(v);
        }
        MethodResult.putFinite(root, "objective", objective());
        MethodResult.putFinite(root, "hinge_loss", hingeSum);
        MethodResult.putFinite(root, "penalty", penalty);
        if (!Double.isNaN(dualBound)) {
            ObjectNode certificate = root.putObject("duality_gap");
            MethodResult.putFinite(certificate, "absolute", dualityGap());
            MethodResult.putFinite(certificate, "relative", relativeDualityGap());
            MethodResult.putFinite(certificate, "dual_objective", dualBound);
        }
        if (!Double.isNaN(correct)) {
            ObjectNode acc = root.putObject("accuracy");
            acc.put("correct", (long) correct);
            acc.put("total", n());
            MethodResult.putFinite(acc, "rate", accuracy());
        }
        ObjectNode admm = root.putObject("admm");
        admm.put("iterations", iterations);
        admm.put("converged", converged);
        admm.put("stopped_by", stoppedBy);
        MethodResult.putFinite(admm, "primal_residual", primalResidual);
        MethodResult.putFinite(admm, "dual_residual", dualResidual);
        MethodResult.putFinite(admm, "rho", rho);
        admm.put("eps_abs", parameters.admm().epsAbs());
        admm.put("eps_rel", parameters.admm().epsRel());
        admm.put("gap_tolerance", parameters.gapTolerance());
        admm.put("standardized", parameters.standardize());
        ObjectNode start = root.putObject("start");
        SvmParameters.WarmStart ws = parameters.warmStart();
        if (ws == null) {
            start.put("from", "cold");
        } else {
            start.put("from", "warm");
            if (ws.source() != null) {
                start.put("source", ws.source());
            }
            start.put("previous_iterations", ws.iterations());
        }
        frame.putJson(root);
        ArrayNode warn = root.putArray("warnings");
        warnings.forEach(warn::add);
        ObjectNode privacy = root.putObject("privacy");
        ArrayNode notes = privacy.putArray("notes");
        notes.add("each ADMM round releases only sums over sites: the local solutions plus scaled duals, and the "
                + "scalar residual and loss sums");
        if (parameters.gapTolerance() > 0) {
            notes.add("support-vector counts per site are not released as such, but with a duality gap tolerance each "
                    + "ADMM round also releases the sum of the site's dual variables, which lies between C times its "
                    + "number of rows inside the margin and C times its number of support vectors (under secure "
                    + "aggregation only the total over sites is seen), and the sum of dual variable times label times row");
            notes.add("each site's dual variables (which rows are support vectors), local solution and scaled dual "
                    + "stay at the site");
        } else {
            notes.add("support-vector counts per site are not released; each site's dual variables (which rows are "
                    + "support vectors), local solution and scaled dual stay at the site");
        }
        if (parameters.admm().anderson() > 0) {
            notes.add("with Anderson acceleration each ADMM round also releases, summed over sites, the inner products "
                    + "of the site's fixed-point residuals (local solution minus consensus) and their changes over the last "
                    + parameters.admm().anderson() + " rounds; without secure aggregation these follow from the site's "
                    + "released local solutions plus scaled duals, and the points the site keeps for it stay at the site");
        }
        notes.add(Double.isNaN(correct) ? "the evaluation round releases the hinge loss sum"
                : "the evaluation round releases the hinge loss sum and the number of correctly classified rows");
        ObjectNode options = root.putObject("options");
        options.put("cost", parameters.cost());
        options.put("bias", parameters.bias());
        if (parameters.positive() != null) {
            options.put("positive", parameters.positive());
        }
        GlmResult.putLevels(options, parameters.levels());
        options.put("standardize", parameters.standardize());
        options.put("rho", parameters.admm().rho());
        options.put("accuracy", parameters.accuracy());
        options.put("gap_tolerance", parameters.gapTolerance());
        parameters.admm().putOptions(options);
        return root;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Linear SVM (L2-regularized hinge loss, liblinear -s 3) by consensus ADMM\n");
        sb.append("Formula: ").append(formula);
        if (where != null) {
            sb.append(", subset: ").append(where);
        }
        sb.append('\n');
        sb.append("C = ").append(num(parameters.cost()));
        if (hasBias()) {
            sb.append(", bias feature B = ").append(num(parameters.bias())).append(" (regularized)");
        } else {
            sb.append(", no bias");
        }
        sb.append("; classes: +1 = ").append(classes.get(1)).append(", -1 = ").append(classes.get(0)).append("\n\n");
        int width = "term".length();
        for (String t : terms) {
            width = Math.max(width, t.length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %12s%n", "", "Estimate"));
        for (int j = 0; j < terms.size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %12.6g%n", terms.get(j), estimates[j]));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Objective: %.8g (1/2||w||^2 = %.6g, sum of hinge losses = %.6g)%n",
                objective(), penalty, hingeSum));
        if (!Double.isNaN(dualBound)) {
            sb.append(String.format(Locale.ROOT, "Duality gap: %.3g (relative %.3g): the objective is at most this far "
                    + "above the optimum%n", dualityGap(), relativeDualityGap()));
        }
        if (!Double.isNaN(correct)) {
            sb.append(String.format(Locale.ROOT, "Training accuracy: %d/%d = %.2f%%%n", (long) correct, n(), 100 * accuracy()));
        }
        sb.append(switch (stoppedBy) {
            case "duality_gap" -> "Converged (duality gap within " + num(parameters.gapTolerance()) + ")";
            case "residuals" -> "Converged";
            default -> "Not converged";
        }).append(" after ").append(iterations).append(" ADMM rounds");
        SvmParameters.WarmStart ws = parameters.warmStart();
        sb.append(ws == null ? " (cold start)" : " (warm start from " + (ws.source() == null ? "a previous fit" : ws.source())
                + ", which took " + ws.iterations() + ")");
        if (Double.isFinite(primalResidual)) {
            sb.append(String.format(Locale.ROOT, "; primal residual %.3g, dual residual %.3g", primalResidual, dualResidual));
        }
        sb.append("; rho ").append(num(rho)).append('\n');
        sb.append("Sites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String warning : warnings) {
            sb.append("Warning: ").append(warning).append('\n');
        }
        return sb.toString();
    }

    /** 1 as "1", 0.01 as "0.01", 250000 as "250000": the number as typed, without trailing zeros. */
    private static String num(double v) {
        return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
