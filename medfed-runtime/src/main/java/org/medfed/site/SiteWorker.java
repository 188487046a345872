package org.medfed.site;

import java.util.HashMap;
import java.util.Map;
import org.medfed.data.Table;
import org.medfed.filter.RowFilter;
import org.medfed.method.Contribution;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;

/**
 * A site's agent core, shared by every runtime: holds the site's table, applies a job's row
 * filter once, keeps each job's {@link SiteState}, runs the method's site half and passes the
 * result through the {@link ReleaseGate}.
 */
public final class SiteWorker {
    private final String name;
    private final Table table;
    private final ReleaseGate gate;
    private final Map<String, SiteState> states = new HashMap<>();
    private final Map<String, SiteData> views = new HashMap<>();

    public SiteWorker(String name, Table table) {
        this.name = name;
        this.table = table;
        this.gate = new ReleaseGate(name);
    }

    public String name() {
        return name;
    }

    public Table table() {
        return table;
    }

    public ReleaseGate gate() {
        return gate;
    }

    /** Answers one request of a job; the row filter (R's subset) is applied here, not by methods. */
    public Contribution answer(String job, String where, SiteHalf half, Request request) {
        SiteData data;
        SiteState state;
        synchronized (this) {
            data = views.computeIfAbsent(job, j -> new SiteData(name, table,
                    where == null || where.isBlank() ? null : RowFilter.parse(where).evaluate(table)));
            state = states.computeIfAbsent(job, j -> new SiteState());
        }
        Contribution c = half.compute(request, data, state);
        return gate.release(job, request, c);
    }

    /** Forgets a finished job's state. */
    public synchronized void finish(String job) {
        states.remove(job);
        views.remove(job);
    }
}
