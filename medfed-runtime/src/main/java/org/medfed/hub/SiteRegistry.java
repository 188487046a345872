package org.medfed.hub;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sites currently connected, by name. At most one live link per site: a reconnecting site
 * replaces its old link. Listeners (running jobs) hear about every connect and disconnect.
 */
final class SiteRegistry {
    /** Told when a site's link comes or goes. */
    interface Listener {
        void connected(SiteLink link);

        void disconnected(SiteLink link, String why);
    }

    private final Map<String, SiteLink> links = new TreeMap<>();
    private final Map<String, SiteLink> lastSeen = new TreeMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong generations = new AtomicLong();

    long nextGeneration() {
        return generations.incrementAndGet();
    }

    void listen(Listener listener) {
        listeners.add(listener);
    }

    void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    void attach(SiteLink link) {
        SiteLink old;
        synchronized (this) {
            old = links.put(link.name(), link);
            lastSeen.put(link.name(), link);
        }
        if (old != null) {
            old.close(Status.ABORTED.withDescription("replaced by a newer connection from site " + link.name()));
            listeners.forEach(l -> l.disconnected(old, "replaced by a newer connection"));
        }
        listeners.forEach(l -> l.connected(link));
    }

    /** Removes the link if it is still the site's current one. */
    void detach(SiteLink link, String why) {
        boolean removed;
        synchronized (this) {
            removed = links.remove(link.name(), link);
        }
        link.closedByPeer();
        if (removed) {
            listeners.forEach(l -> l.disconnected(link, why));
        }
    }

    synchronized SiteLink get(String site) {
        return links.get(site);
    }

    synchronized List<SiteLink> connected() {
        return new ArrayList<>(links.values());
    }

    /** Every site seen since the hub started, connected or not (latest link each). */
    synchronized List<SiteLink> known() {
        return new ArrayList<>(lastSeen.values());
    }

    synchronized boolean isConnected(String site) {
        return links.containsKey(site);
    }
}
