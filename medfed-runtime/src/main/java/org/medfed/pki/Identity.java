package org.medfed.pki;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.medfed.error.MedfedException;

/**
 * Who a certificate says its holder is: the subject's common name and the role bound into the
 * certificate by the consortium CA. Reading an identity does not validate the certificate;
 * call it only on a certificate the TLS layer has already verified against {@code ca.pem}.
 */
public record Identity(String name, Role role) {

    /**
     * Reads name and role from a certificate issued by {@link ConsortiumCa}. Fails if the
     * certificate carries no medfed role, an unknown one, or an {@code OU} that disagrees with
     * the role extension (a certificate someone assembled by hand).
     */
    public static Identity of(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        String label = RoleExtension.label(certificate).orElseThrow(() -> new MedfedException(
                "certificate " + subject + " carries no medfed role: it was not issued by a consortium CA for a hub, "
                        + "site or analyst"));
        Role role = Role.fromLabel(label).orElseThrow(() -> new MedfedException(
                "certificate " + subject + " has unknown role '" + label + "' (expected one of " + Role.allowed() + ")"));
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String ou = Names.first(name, BCStyle.OU);
        if (ou == null || !ou.equals(role.label())) {
            throw new MedfedException("certificate " + subject + " has role '" + role.label()
                    + "' in its extension but OU '" + ou + "' in its subject");
        }
        String cn = Names.first(name, BCStyle.CN);
        if (cn == null || cn.isEmpty()) {
            throw new MedfedException("certificate " + subject + " has no common name");
        }
        return new Identity(cn, role);
    }

    /**
     * The identity in a certificate file that a process is about to serve with; a usage error
     * naming the file when it carries another role (a hub started with a site's certificate).
     *
     * @param who the process, for the message ("the hub", "a site agent")
     */
    public static Identity requireRole(java.nio.file.Path certificate, Role role, String who) {
        Identity id = of(Pem.readCertificate(certificate));
        if (id.role() != role) {
            throw new org.medfed.error.UsageException("certificate " + certificate + " has role " + id.role().label()
                    + "; " + who + " needs a " + role.label() + " certificate");
        }
        return id;
    }
}
