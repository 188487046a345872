package org.medfed.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.method.Aggregation;
import org.medfed.method.Contribution;
import org.medfed.method.Payload;
import org.medfed.method.Quantity;
import org.medfed.method.Request;

/**
 * The one door out of a site. A contribution passes only if it consists of exactly the
 * quantities the request declared, each with its declared kind and length; every value that
 * passes is recorded. Methods have no other way to send anything.
 */
public final class ReleaseGate {
    private final String site;
    private final List<ReleaseRecord> released = Collections.synchronizedList(new ArrayList<>());

    public ReleaseGate(String site) {
        this.site = site;
    }

    /** Checks and records; returns the contribution to send, or throws naming the site and round. */
    public Contribution release(String job, Request request, Contribution contribution) {
        Payload values = contribution.values();
        for (String name : values.numbers().keySet()) {
            requireDeclared(request, name, true);
        }
        for (String name : values.labels().keySet()) {
            requireDeclared(request, name, false);
        }
        for (Quantity q : request.releases()) {
            if (q.aggregation() == Aggregation.UNION) {
                if (!values.hasLabel(q.name())) {
                    throw refuse(request, "declared quantity '" + q.name() + "' is missing");
                }
            } else {
                double[] v = values.numbers().get(q.name());
                if (v == null) {
                    throw refuse(request, "declared quantity '" + q.name() + "' is missing");
                }
                if (v.length != q.length()) {
                    throw refuse(request, "quantity '" + q.name() + "' has " + v.length + " values, declared " + q.length());
                }
            }
        }
        for (Quantity q : request.releases()) {
            if (q.aggregation() == Aggregation.UNION) {
                released.add(new ReleaseRecord(job, request.round(), request.step(), q.name(), q.aggregation(),
                        null, values.label(q.name())));
            } else {
                released.add(new ReleaseRecord(job, request.round(), request.step(), q.name(), q.aggregation(),
                        values.number(q.name()).clone(), null));
            }
        }
        return contribution;
    }

    private void requireDeclared(Request request, String name, boolean numeric) {
        Quantity q = request.release(name);
        if (q == null) {
            throw refuse(request, "undeclared quantity '" + name + "'");
        }
        if (numeric == (q.aggregation() == Aggregation.UNION)) {
            throw refuse(request, "quantity '" + name + "' is declared " + q.aggregation() + " but sent as "
                    + (numeric ? "numbers" : "labels"));
        }
    }

    private MedfedException refuse(Request request, String why) {
        return new MedfedException("site " + site + " refused to release in round " + request.round()
                + " (" + request.step() + "): " + why);
    }

    /** Everything released so far, in order. */
    public List<ReleaseRecord> released() {
        synchronized (released) {
            return List.copyOf(released);
        }
    }

    /** Names of quantities released so far, first-release order, for the result's privacy block. */
    public List<String> releasedNames() {
        Map<String, Boolean> names = new java.util.LinkedHashMap<>();
        for (ReleaseRecord r : released()) {
            names.put(r.name(), true);
        }
        return new ArrayList<>(names.keySet());
    }
}
