package org.medfed.pki;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;
import org.medfed.error.UsageException;

/** Checks on names and hosts, and the subject and SAN layout shared by issued certificates and CSRs. */
final class Names {
    /** A holder's name becomes a file name and a site name, so it is kept to portable characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern DNS = Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9._-]{0,252})");
    /** X.520 caps O and CN at 64 characters; the CA's CN is the consortium name plus " CA". */
    private static final int MAX_CONSORTIUM = 60;
    private static final List<String> HUB_DEFAULT_HOSTS = List.of("localhost", "127.0.0.1");

    private Names() {
    }

    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new UsageException("invalid name '" + name + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    static String checkConsortium(String consortium) {
        if (consortium == null || consortium.isBlank() || consortium.length() > MAX_CONSORTIUM
                || consortium.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException("invalid consortium name '" + consortium + "': use 1 to " + MAX_CONSORTIUM
                    + " printable characters");
        }
        return consortium.strip();
    }

    /**
     * The hosts a certificate names, in order and without repeats. A hub with none gets the
     * loopback names so that a single-machine trial works without extra flags.
     */
    static List<String> hosts(Role role, List<String> hosts) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String h : hosts == null ? List.<String>of() : hosts) {
            String host = h == null ? "" : h.strip();
            if (!IPAddress.isValid(host) && !DNS.matcher(host).matches()) {
                throw new UsageException("invalid host '" + h + "': give a DNS name or an IP address");
            }
            out.add(host);
        }
        if (out.isEmpty() && role == Role.HUB) {
            out.addAll(HUB_DEFAULT_HOSTS);
        }
        return new ArrayList<>(out);
    }

    /** Subject alternative names: an IP entry for an IP literal, a DNS entry otherwise. */
    static GeneralNames subjectAltNames(List<String> hosts) {
        GeneralName[] names = hosts.stream()
                .map(h -> IPAddress.isValid(h) ? new GeneralName(GeneralName.iPAddress, h)
                        : new GeneralName(GeneralName.dNSName, h))
                .toArray(GeneralName[]::new);
        return new GeneralNames(names);
    }

    /**
     * {@code CN=name, OU=role, O=consortium}. RDNs are added most-general first so that the
     * JDK (which prints the last RDN first) shows {@code CN=...} at the front.
     */
    static X500Name subject(String consortium, String name, Role role) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (consortium != null) {
            b.addRDN(BCStyle.O, consortium);
        }
        return b.addRDN(BCStyle.OU, role.label()).addRDN(BCStyle.CN, name).build();
    }

    /** The first value of one attribute of a name, or null. */
    static String first(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier attribute) {
        var rdns = name.getRDNs(attribute);
        if (rdns.length == 0 || rdns[0].getFirst() == null) {
            return null;
        }
        return org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}
