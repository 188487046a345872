package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.medfed.data.Table;
import org.medfed.method.Aggregate;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.HubHalf;
import org.medfed.method.JobContext;
import org.medfed.method.MethodDefinition;
import org.medfed.method.MethodResult;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;
import org.medfed.method.Step;

/**
 * Drives a method's two halves over in-memory tables without a runtime or a release gate, so
 * that a test can read every contribution (values and disclosure facts) the gate would judge.
 * Sums follow the tables' order, as the runtime's do.
 */
record Halves(MethodResult result, List<Request> requests, Map<String, List<Contribution>> contributions) {

    /** The contributions of {@code site} in the round of the given step. */
    Contribution of(String site, String step) {
        for (int r = 0; r < requests.size(); r++) {
            if (requests.get(r).step().equals(step)) {
                return contributions.get(site).get(r);
            }
        }
        throw new IllegalArgumentException("no round " + step);
    }

    static <P> Halves run(MethodDefinition<P> method, P parameters, Map<String, Table> tables, Map<String, boolean[]> keep) {
        HubHalf hub = method.hub(parameters, new JobContext(List.copyOf(tables.keySet()), null));
        SiteHalf site = method.site(parameters);
        Map<String, SiteState> states = new LinkedHashMap<>();
        Map<String, List<Contribution>> contributions = new LinkedHashMap<>();
        tables.keySet().forEach(name -> {
            states.put(name, new SiteState());
            contributions.put(name, new ArrayList<>());
        });
        List<Request> requests = new ArrayList<>();
        Step step = hub.start();
        while (step instanceof Step.Next next) {
            Request request = next.request();
            requests.add(request);
            Map<String, double[]> sums = new LinkedHashMap<>();
            Map<String, Map<String, double[]>> perSite = new LinkedHashMap<>();
            Map<String, SortedSet<String>> unions = new LinkedHashMap<>();
            for (Map.Entry<String, Table> t : tables.entrySet()) {
                Contribution c = site.compute(request, new SiteData(t.getKey(), t.getValue(), keep.get(t.getKey())),
                        states.get(t.getKey()));
                contributions.get(t.getKey()).add(c);
                c.values().numbers().forEach((name, v) -> {
                    if (request.release(name) != null && request.release(name).aggregation() == Aggregation.PER_SITE) {
                        perSite.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(t.getKey(), v.clone());
                    }
                });
                c.values().numbers().forEach((name, v) -> sums.merge(name, v.clone(), (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    return a;
                }));
                c.values().labels().forEach((name, v) -> unions.computeIfAbsent(name, k -> new TreeSet<>()).addAll(v));
            }
            step = hub.next(new Aggregate(request.round(), request.step(), List.copyOf(tables.keySet()), sums, perSite, unions));
        }
        return new Halves(((Step.Done) step).result(), requests, contributions);
    }

    static <P> Halves run(MethodDefinition<P> method, P parameters, Table table) {
        return run(method, parameters, Map.of(table.site(), table), Map.of());
    }
}
