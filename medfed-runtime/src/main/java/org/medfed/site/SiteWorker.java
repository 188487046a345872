package org.medfed.site;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.medfed.data.Table;
import org.medfed.error.MedfedException;
import org.medfed.filter.RowFilter;
import org.medfed.method.Contribution;
import org.medfed.method.Disclosure;
import org.medfed.method.Request;
import org.medfed.method.SiteData;
import org.medfed.method.SiteHalf;
import org.medfed.method.SiteState;

/**
 * A site's computing core, shared by every runtime: applies a job's row filter once, keeps each
 * job's {@link SiteState}, runs the method's site half and passes the result through the site's
 * one {@link ReleaseGate}. A contribution that does not declare which rows it used is taken to use
 * every row the filter kept (the differencing guard needs a subset for every release).
 */
public final class SiteWorker {
    private final String name;
    private final ReleaseGate gate;
    private final Map<String, SiteState> states = new HashMap<>();
    private final Map<String, SiteData> views = new HashMap<>();

    public SiteWorker(String name, ReleaseGate gate) {
        this.name = name;
        this.gate = gate;
    }

    public String name() {
        return name;
    }

    public ReleaseGate gate() {
        return gate;
    }

    /** Admits a job through the gate (policy on methods); throws a refusal otherwise. */
    public void admit(JobTicket ticket) {
        gate.admit(ticket);
    }

    /** As {@link #admit(JobTicket)}, also checking the site's rule on sums in clear. */
    public void admit(JobTicket ticket, boolean secureAggregation) {
        gate.admit(ticket, secureAggregation);
    }

    /**
     * Answers one request of a job on the given table; the row filter (R's subset) is applied
     * here, not by methods. A failure of the method's half (bad data, say) is audited and rethrown.
     */
    public Contribution answer(JobTicket ticket, Table table, SiteHalf half, Request request) {
        SiteData data;
        SiteState state;
        synchronized (this) {
            String where = ticket.where();
            data = views.computeIfAbsent(ticket.job(), j -> new SiteData(name, table,
                    where == null || where.isBlank() ? null : RowFilter.parse(where).evaluate(table)));
            state = states.computeIfAbsent(ticket.job(), j -> new SiteState());
        }
        Contribution c;
        try {
            c = half.compute(request, data, state);
        } catch (MedfedException e) {
            gate.failed(ticket, request, e.getMessage());
            throw e;
        }
        if (!c.disclosure().declaresRowsUsed()) {
            // A method that does not say which rows it used is taken to use every row the
            // filter kept, so the differencing guard still sees filters that differ by a few rows.
            c = c.withDisclosure(c.disclosure().withRowsUsed(Disclosure.rowsOf(data.keep(), table.rowCount())));
        }
        return gate.release(ticket, request, c);
    }

    /** Whether this worker holds state for the job (a restarted site does not). */
    public synchronized boolean holds(String job) {
        return states.containsKey(job);
    }

    public synchronized Set<String> activeJobs() {
        return Set.copyOf(states.keySet());
    }

    /** Forgets a finished job's state. */
    public synchronized void finish(String job) {
        states.remove(job);
        views.remove(job);
        gate.finish(job);
    }
}
