package org.medfed.method;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The cross-site view of one round, which is all the hub half ever sees: sums of SUM quantities,
 * each site's value of PER_SITE quantities (keyed by site name, in the job's site order), and the
 * union of UNION labels. {@code sites} lists the sites that answered, in the job's fixed order.
 */
public record Aggregate(int round, String step, List<String> sites, Map<String, double[]> sums,
                        Map<String, Map<String, double[]>> perSite, Map<String, SortedSet<String>> unions) {

    public Aggregate {
        sites = List.copyOf(sites);
        sums = Collections.unmodifiableMap(new LinkedHashMap<>(sums));
        perSite = Collections.unmodifiableMap(new LinkedHashMap<>(perSite));
        unions = Collections.unmodifiableMap(new LinkedHashMap<>(unions));
    }

    public double[] sum(String name) {
        double[] v = sums.get(name);
        if (v == null) {
            throw new IllegalStateException("aggregate of round " + round + " has no sum '" + name + "'");
        }
        return v;
    }

    public double scalar(String name) {
        return sum(name)[0];
    }

    /** Each site's value of a PER_SITE quantity, in site order. */
    public Map<String, double[]> perSite(String name) {
        Map<String, double[]> v = perSite.get(name);
        if (v == null) {
            throw new IllegalStateException("aggregate of round " + round + " has no per-site '" + name + "'");
        }
        return v;
    }

    public SortedSet<String> union(String name) {
        SortedSet<String> v = unions.get(name);
        if (v == null) {
            throw new IllegalStateException("aggregate of round " + round + " has no union '" + name + "'");
        }
        return v;
    }
}
