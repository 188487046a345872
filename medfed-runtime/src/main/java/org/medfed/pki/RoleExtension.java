package org.medfed.pki;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.medfed.error.MedfedException;

/**
 * The certificate extension that carries a holder's {@link Role}. Non-critical, so that generic
 * TLS stacks (JSSE, Netty, browsers, openssl) that do not know it still validate the chain;
 * medfed reads it through {@link Identity#of}.
 */
public final class RoleExtension {
    /** Private arc under {@code 2.25} (a UUID turned into an OID, ITU-T X.667); {@code .1} is the role. */
    public static final String OID = "2.25.114775490549372641669703516680365693119.1";

    static final ASN1ObjectIdentifier IDENTIFIER = new ASN1ObjectIdentifier(OID);

    private RoleExtension() {
    }

    static Extension of(Role role) {
        try {
            return new Extension(IDENTIFIER, false, new DERUTF8String(role.label()).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a UTF8String", e);
        }
    }

    /** The role label the certificate carries, or empty if it has no role extension. */
    static Optional<String> label(X509Certificate certificate) {
        byte[] wrapped = certificate.getExtensionValue(OID);
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            // The JDK hands back the extnValue OCTET STRING; the UTF8String is inside it.
            ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
            if (inner instanceof ASN1String s) {
                return Optional.of(s.getString());
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall through to the error below
        }
        throw new MedfedException("certificate " + certificate.getSubjectX500Principal().getName()
                + " has a malformed medfed role extension");
    }
}
