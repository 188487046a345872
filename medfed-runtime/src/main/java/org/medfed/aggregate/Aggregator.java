package org.medfed.aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.medfed.method.Aggregate;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;

/** Plain (unmasked) aggregation of one round's contributions. */
public final class Aggregator {
    private Aggregator() {
    }

    /**
     * @param contributions each answering site's released values by site name, iterated in the
     *                      job's fixed site order (so sums are bitwise reproducible)
     */
    public static Aggregate combine(Request request, Map<String, Payload> contributions) {
        return combine(request, contributions, true);
    }

    /**
     * As {@link #combine(Request, Map)}; with {@code includeSums} false the SUM quantities are left out
     * (secure aggregation computes them from masked vectors instead).
     */
    public static Aggregate combine(Request request, Map<String, Payload> contributions, boolean includeSums) {
        List<String> sites = new ArrayList<>(contributions.keySet());
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> perSite = new LinkedHashMap<>();
        Map<String, SortedSet<String>> unions = new LinkedHashMap<>();
        for (Quantity q : request.releases()) {
            switch (q.aggregation()) {
                case SUM -> {
                    if (!includeSums) {
                        continue;
                    }
                    double[] total = new double[q.length()];
                    for (Payload c : contributions.values()) {
                        double[] v = c.number(q.name());
                        for (int i = 0; i < total.length; i++) {
                            total[i] += v[i];
                        }
                    }
                    sums.put(q.name(), total);
                }
                case PER_SITE -> {
                    Map<String, double[]> bySite = new LinkedHashMap<>();
                    contributions.forEach((site, c) -> bySite.put(site, c.number(q.name()).clone()));
                    perSite.put(q.name(), bySite);
                }
                case UNION -> {
                    SortedSet<String> all = new TreeSet<>();
                    contributions.values().forEach(c -> all.addAll(c.label(q.name())));
                    unions.put(q.name(), all);
                }
            }
        }
        return new Aggregate(request.round(), request.step(), sites, sums, perSite, unions);
    }
}
