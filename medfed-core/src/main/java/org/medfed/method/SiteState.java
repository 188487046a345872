package org.medfed.method;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-job memory at one site, kept by the runtime for the life of the job and never released.
 * Typed access by key; methods store their own records here.
 */
public final class SiteState {
    private final Map<String, Object> values = new HashMap<>();

    public <T> T get(String key, Class<T> type) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("site state has no '" + key + "' (request out of order?)");
        }
        return type.cast(v);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public void put(String key, Object value) {
        values.put(key, value);
    }
}
