package org.medfed.method;

import java.util.List;
import java.util.Set;

/**
 * What the hub half asks of the sites in one round: a step name (so the site half knows which
 * computation to run), the global parameters it needs, the quantities it may release, and which
 * sites are asked ({@code null} = all; vertical methods target the site that holds the outcome).
 */
public record Request(int round, String step, Payload parameters, List<Quantity> releases, Set<String> sites) {

    public Request {
        releases = List.copyOf(releases);
        sites = sites == null ? null : Set.copyOf(sites);
    }

    public static Request toAll(int round, String step, Payload parameters, List<Quantity> releases) {
        return new Request(round, step, parameters, releases, null);
    }

    public boolean asks(String site) {
        return sites == null || sites.contains(site);
    }

    public Quantity release(String name) {
        for (Quantity q : releases) {
            if (q.name().equals(name)) {
                return q;
            }
        }
        return null;
    }
}
