package org.medfed.methods.km;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medfed.method.MethodResult;
import org.medfed.method.TextTable;
import org.medfed.methods.survival.TimeGrid;

/**
 * Kaplan–Meier curves pooled over all sites. JSON: {@code strata[].{stratum, n, events, time[],
 * n_risk[], n_event[], n_censor[], surv[], std_err[], conf_low[], conf_high[], median,
 * median_conf_low, median_conf_high}} ({@link KmCurve}), {@code conf_type} ("log"),
 * {@code conf_level}, and a {@code privacy} block saying what the time round revealed, which sites
 * coarsened their times and where a site's gate cut a stratum's follow-up. The text is R's
 * {@code print(survfit)} table.
 */
public record KmResult(KmParameters parameters, List<KmCurve> curves, PooledCounts counts, List<String> sites,
                       String where) implements MethodResult {

    public KmResult {
        curves = List.copyOf(curves);
        sites = List.copyOf(sites);
    }

    static KmResult of(KmParameters parameters, PooledCounts counts, List<String> sites, String where) {
        List<KmCurve> curves = new ArrayList<>();
        for (int g = 0; g < counts.strata().size(); g++) {
            curves.add(KmCurve.of(counts, g, parameters.confLevel()));
        }
        return new KmResult(parameters, curves, counts, sites, where);
    }

    public double n() {
        return curves.stream().mapToDouble(KmCurve::n).sum();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode root = CountsResults.document("km", where, sites);
        MethodResult.putFinite(root, "n", n());
        root.put("conf_type", "log");
        root.put("conf_level", parameters.confLevel());
        ArrayNode strata = root.putArray("strata");
        curves.forEach(c -> c.writeTo(strata.addObject()));
        ObjectNode options = root.putObject("options");
        options.put("time", parameters.time());
        options.put("event", parameters.event());
        if (parameters.group() == null) {
            options.putNull("group");
        } else {
            options.put("group", parameters.group());
        }
        options.put("conf_level", parameters.confLevel());
        counts.writePrivacy(root, parameters.time());
        return root;
    }

    @Override
    public List<String> warnings() {
        return counts.notes(parameters.time());
    }

    /** As R prints a {@code survfit}: n, events, median and its limits per stratum. */
    @Override
    public String toText() {
        String level = String.valueOf(parameters.confLevel());
        StringBuilder sb = new StringBuilder();
        CountsResults.heading(sb, "Kaplan-Meier estimate", parameters.time(), parameters.event(),
                parameters.group() == null ? "1" : parameters.group(), sites, where);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "n", "events", "median", level + "LCL", level + "UCL"});
        for (KmCurve c : curves) {
            rows.add(new String[] {parameters.group() == null ? "[1,]" : c.stratum(), num(c.n()), num(c.events()),
                num(c.median()), num(c.medianLow()), num(c.medianHigh())});
        }
        TextTable.append(sb, rows, 1, " ");
        CountsResults.notes(sb, warnings());
        return sb.toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "NA";
        }
        return TimeGrid.format(v == Math.rint(v) ? v : Double.parseDouble(String.format(Locale.ROOT, "%.6g", v)));
    }
}
