package org.medfed.pki;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.medfed.error.UsageException;

/**
 * What a certificate's holder may do in the consortium: run the hub, answer as a site, or ask
 * for analyses. The role is bound inside the signed certificate (see the package documentation),
 * so the hub decides who may do what from the TLS handshake alone.
 */
public enum Role {
    HUB, SITE, ANALYST;

    /** The lower-case form written into certificates and typed on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role typed by a person, ignoring case. */
    public static Role parse(String s) {
        return fromLabel(s).orElseThrow(() -> new UsageException(
                "unknown role '" + s + "': use one of " + allowed()));
    }

    /** Parses a role read from a file or certificate; empty when it names no role. */
    static Optional<Role> fromLabel(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String wanted = s.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.label().equals(wanted)).findFirst();
    }

    static String allowed() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }
}
