package org.medfed.agent;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.error.MedfedException;
import org.medfed.pki.Identity;
import org.medfed.pki.Role;

/**
 * What a site needs to take part in secure aggregation: its own identity key (the private key of
 * its mTLS certificate, which signs its key advertisements) and the consortium CA, against which
 * it checks the other sites' certificates that the hub hands over — so the hub cannot slip in a
 * key of its own for any site.
 */
record SecAggIdentity(PrivateKey key, X509Certificate ca) {

    /**
     * The sites' identity keys from their certificates (DER, in the order of {@code sites}); each
     * must be signed by the consortium CA, valid now, carry the site role and the site's name.
     */
    Map<String, PublicKey> verify(List<String> sites, List<com.google.protobuf.ByteString> certificates) {
        if (certificates.size() != sites.size()) {
            throw new MedfedException("the hub sent " + certificates.size() + " certificates for " + sites.size() + " sites");
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < sites.size(); i++) {
                X509Certificate cert = (X509Certificate) factory.generateCertificate(certificates.get(i).newInput());
                String site = sites.get(i);
                try {
                    cert.verify(ca.getPublicKey());
                    cert.checkValidity();
                } catch (java.security.GeneralSecurityException e) {
                    throw new MedfedException("the certificate the hub gave for site " + site
                            + " is not a valid consortium certificate: " + e.getMessage());
                }
                Identity id = Identity.of(cert);
                if (id.role() != Role.SITE || !id.name().equals(site)) {
                    throw new MedfedException("the certificate the hub gave for site " + site + " belongs to "
                            + id.role().label() + " '" + id.name() + "'");
                }
                keys.put(site, cert.getPublicKey());
            }
        } catch (CertificateException e) {
            throw new MedfedException("the hub sent an unreadable certificate: " + e.getMessage());
        }
        return keys;
    }
}
