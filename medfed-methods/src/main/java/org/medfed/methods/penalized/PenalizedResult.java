package org.medfed.methods.penalized;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.medfed.method.MethodResult;
import org.medfed.method.TextTable;
import org.medfed.methods.frame.FrameSpec;
import org.medfed.methods.frame.SiteRows;
import org.medfed.methods.glm.GlmResult;

/**
 * A penalized GLM path: per λ the original-scale coefficients ({@code solutions[].coefficients[]},
 * exact zeros where the penalty put them), the objective (glmnet's, stated in {@code objective}),
 * ADMM iterations, residuals, final ρ and convergence, {@code df} and {@code dev_ratio} as
 * glmnet prints them. Without an intercept (formula {@code - 1} / {@code + 0}, glmnet's
 * {@code intercept = FALSE}) there is no {@code (Intercept)} row and, for gaussian, {@code rms_y}
 * (glmnet's scale of y then) divides the ridge part instead of {@code sd_y}.
 *
 * @param sdY    sd(y) with divisor n (gaussian), else NaN
 * @param yScale what divides the gaussian ridge part of glmnet's effective objective: sd(y), or
 *               sqrt(mean y²) without an intercept; NaN for binomial
 */
public record PenalizedResult(String method, PenalizedParameters parameters, String formula, List<String> terms,
                              List<PathSolution> solutions, Map<String, Integer> rowsBySite,
                              Map<String, Integer> droppedBySite, double sdY, double yScale, double nullDeviance, double lambdaMax,
                              List<String> warnings,
                              String where, FrameSpec frame) implements MethodResult {

    public int n() {
        return rowsBySite.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Number of λ values fitted. */
    public int size() {
        return solutions.size();
    }

    public double lambda(int i) {
        return solutions.get(i).lambda();
    }

    /** Original-scale coefficients at the i-th λ (decreasing order), intercept first where there is one. */
    public double[] estimate(int i) {
        return solutions.get(i).estimate().clone();
    }

    public double objective(int i) {
        return solutions.get(i).objective();
    }

    public int iterations(int i) {
        return solutions.get(i).iterations();
    }

    public boolean converged(int i) {
        return solutions.get(i).converged();
    }

    /** The objective minimised, in words (glmnet's, with the gaussian y-scaling made explicit). */
    public String objectiveText() {
        boolean intercept = parameters.intercept();
        boolean effective = !parameters.binomial() && parameters.gaussianObjective().equals(PenalizedParameters.GLMNET);
        String loss = parameters.binomial() ? "-loglik/n" : "RSS/(2n)";
        String yScaleName = intercept ? "sd(y)" : "rms(y)";
        String ridge = effective ? "(1 - alpha)/(2 " + yScaleName + ") ||b||_2^2" : "(1 - alpha)/2 ||b||_2^2";
        String on = parameters.standardize() ? "b the coefficients of the columns scaled to sd 1 (1/n)"
                : "b the coefficients of the columns as they are";
        String scaleNote = intercept
                ? "; sd(y) with divisor n (glmnet's effective objective: it scales y to sd 1 internally)"
                : "; rms(y) = sqrt(mean(y^2)) (glmnet's effective objective without an intercept: it scales the "
                        + "uncentred y to unit root mean square internally)";
        return "minimise " + loss + " + lambda * [" + ridge + " + alpha ||b||_1]; "
                + (intercept ? "intercept unpenalized" : "no intercept") + "; " + on + (effective ? scaleNote : "");
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("method", method);
        root.put("family", parameters.family());
        root.put("formula", formula);
        if (where != null) {
            root.put("where", where);
        }
        root.put("algorithm", "consensus ADMM");
        root.put("alpha", parameters.alpha());
        root.put("standardize", parameters.standardize());
        root.put("objective", objectiveText());
        root.put("converged", solutions.stream().allMatch(PathSolution::converged));
        root.put("n", n());
        GlmResult.putSites(root, rowsBySite, droppedBySite);
        MethodResult.putFinite(root, "null_deviance", nullDeviance);
        if (!parameters.binomial()) {
            root.put("sd_y", sdY);
            if (!parameters.intercept()) {
                root.put("rms_y", yScale);
            }
        }
        if (parameters.defaultSequence()) {
            root.put("lambda_sequence", "glmnet default");
            root.put("lambda_max", lambdaMax);
        }
        ArrayNode list = root.putArray("solutions");
        for (PathSolution s : solutions) {
            ObjectNode o = list.addObject();
            o.put("lambda", s.lambda());
            o.put("alpha", s.alpha());
            ArrayNode coefs = o.putArray("coefficients");
            for (int j = 0; j < terms.size(); j++) {
                ObjectNode c = coefs.addObject();
                c.put("term", terms.get(j));
                MethodResult.putFinite(c, "estimate", s.estimate()[j]);
            }
            o.put("iterations", s.iterations());
            MethodResult.putFinite(o, "objective", s.objective());
            MethodResult.putFinite(o, "loss", s.loss());
            o.put("df", s.df());
            MethodResult.putFinite(o, "dev_ratio", s.devRatio());
            o.put("converged", s.converged());
            MethodResult.putFinite(o, "primal_residual", s.primalResidual());
            MethodResult.putFinite(o, "dual_residual", s.dualResidual());
            o.put("rho", s.rho());
        }
        frame.putJson(root);
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ObjectNode options = root.putObject("options");
        GlmResult.putLevels(options, parameters.levels());
        if (parameters.defaultSequence()) {
            options.putNull("lambda");
            options.put("nlambda", parameters.nlambda());
            MethodResult.putFinite(options, "lambda_min_ratio", parameters.lambdaMinRatio() > 0
                    ? parameters.lambdaMinRatio() : Double.NaN);
        } else {
            ArrayNode lambdas = options.putArray("lambda");
            parameters.lambda().forEach(lambdas::add);
        }
        options.put("alpha", parameters.alpha());
        options.put("standardize", parameters.standardize());
        options.put("gaussian_objective", parameters.gaussianObjective());
        if (parameters.control().rho() > 0) {
            options.put("rho", parameters.control().rho());
        } else {
            // The method's choice (one site's share of the loss curvature); each solution reports the ρ used.
            options.putNull("rho");
        }
        parameters.control().putOptions(options);
        return root;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String kind = switch (method) {
            case "lasso" -> "lasso";
            case "admm-logistic" -> "L2-penalized (ridge)";
            default -> "elastic net";
        };
        sb.append("Penalized ").append(parameters.family()).append(" regression, ").append(kind).append(" (alpha = ")
                .append(num(parameters.alpha())).append("), by consensus ADMM\n");
        sb.append("Formula: ").append(formula);
        if (where != null) {
            sb.append(", subset: ").append(where);
        }
        sb.append('\n');
        sb.append("Objective: ").append(objectiveText()).append('\n');
        if (parameters.defaultSequence()) {
            sb.append("Lambda: glmnet's default sequence from lambda_max = ").append(String.format(Locale.ROOT, "%.6g", lambdaMax))
                    .append(", ").append(solutions.size()).append(" of ").append(parameters.nlambda()).append(" values fitted\n");
        }
        sb.append('\n');
        List<String[]> path = new ArrayList<>();
        path.add(new String[] {"Lambda", "Df", "%Dev", "Objective", "Iterations", "Converged"});
        for (PathSolution s : solutions) {
            path.add(new String[] {num(s.lambda()), Integer.toString(s.df()),
                    String.format(Locale.ROOT, "%.2f", percent(s.devRatio())), String.format(Locale.ROOT, "%.10g", s.objective()),
                    Integer.toString(s.iterations()), s.converged() ? "yes" : "NO"});
        }
        TextTable.append(sb, path, 1, "  ");
        sb.append("\nCoefficients (. = exactly zero):\n");
        List<String[]> coefs = new ArrayList<>();
        String[] header = new String[solutions.size() + 1];
        header[0] = "";
        for (int i = 0; i < solutions.size(); i++) {
            header[i + 1] = "lambda=" + num(solutions.get(i).lambda());
        }
        coefs.add(header);
        for (int j = 0; j < terms.size(); j++) {
            String[] row = new String[solutions.size() + 1];
            row[0] = terms.get(j);
            for (int i = 0; i < solutions.size(); i++) {
                double v = solutions.get(i).estimate()[j];
                boolean penalized = j > 0 || !parameters.intercept();
                row[i + 1] = v == 0 && penalized ? "." : String.format(Locale.ROOT, "%.7g", v);
            }
            coefs.add(row);
        }
        TextTable.append(sb, coefs, 1, "  ");
        sb.append("\nSites: ");
        sb.append(SiteRows.text(rowsBySite, droppedBySite)).append('\n');
        for (String w : warnings) {
            sb.append("Warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /** %Dev as glmnet prints it; at the null model rounding can leave −1e-16, shown as 0. */
    private static double percent(double ratio) {
        double v = 100 * ratio;
        return Math.abs(v) < 0.005 ? 0 : v;
    }

    /** A number as typed: 0.05 as "0.05", 1 as "1". */
    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
