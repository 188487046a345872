package org.medfed.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.medfed.error.MedfedException;

/**
 * What a person checks on a certificate before trusting it: subject, issuer, the medfed
 * identity (empty for the CA itself or a foreign certificate), hosts, validity and the SHA-256
 * fingerprint the operator reads back to a requester over another channel.
 */
public record CertificateSummary(String subject, String issuer, Optional<Identity> identity, List<String> hosts,
        Instant notBefore, Instant notAfter, String sha256) {

    public static CertificateSummary of(X509Certificate certificate) {
        Optional<Identity> identity = RoleExtension.label(certificate).isPresent()
                ? Optional.of(Identity.of(certificate)) : Optional.empty();
        List<String> hosts = new ArrayList<>();
        try {
            GeneralNames san = GeneralNames.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions(),
                    Extension.subjectAlternativeName);
            if (san != null) {
                for (GeneralName g : san.getNames()) {
                    hosts.add(render(g));
                }
            }
        } catch (CertificateEncodingException e) {
            throw new MedfedException("cannot read the certificate's extensions: " + e.getMessage(), e);
        }
        return new CertificateSummary(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), identity, List.copyOf(hosts),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), fingerprint(certificate));
    }

    /** SHA-256 over the DER certificate, as colon-separated upper-case hex (the form openssl prints). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new MedfedException("cannot fingerprint the certificate: " + e.getMessage(), e);
        }
    }

    /** A DNS or IP subject alternative name as text; other kinds shown with their tag. */
    static String render(GeneralName g) {
        if (g.getTagNo() == GeneralName.iPAddress) {
            try {
                return InetAddress.getByAddress(ASN1OctetString.getInstance(g.getName()).getOctets()).getHostAddress();
            } catch (UnknownHostException e) {
                return "ip:?";
            }
        }
        if (g.getName() instanceof ASN1String s) {
            return g.getTagNo() == GeneralName.dNSName ? s.getString()
                    : String.format(Locale.ROOT, "[%d]%s", g.getTagNo(), s.getString());
        }
        return g.toString();
    }
}
