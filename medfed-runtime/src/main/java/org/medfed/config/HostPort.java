package org.medfed.config;

import org.medfed.error.UsageException;

/** A network address written {@code HOST:PORT} (IPv6 as {@code [::1]:7443}). */
public record HostPort(String host, int port) {

    public static HostPort parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new UsageException(what + ": expected HOST:PORT, e.g. 127.0.0.1:7443");
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw new UsageException(what + ": expected HOST:PORT, e.g. 127.0.0.1:7443, found '" + text + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": '" + t.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException(what + ": port " + port + " is outside 0..65535");
        }
        return new HostPort(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    /** The gRPC target ("dns:///host:port" style, IPv6 bracketed). */
    public String target() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return target();
    }
}
