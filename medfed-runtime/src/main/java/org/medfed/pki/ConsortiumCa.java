package org.medfed.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.medfed.error.MedfedException;
import org.medfed.error.UsageException;

/**
 * The consortium's certificate authority: a self-signed EC P-256 certificate ({@code ca.pem})
 * and its key ({@code ca.key}) in one directory, which is also where issued certificates are
 * written. Every hub, site and analyst certificate binds the holder's name and {@link Role};
 * the hub trusts exactly this CA, so whoever holds {@code ca.key} decides who is in the
 * consortium and in which role.
 */
public final class ConsortiumCa {
    static final String CA_CERT = "ca.pem";
    static final String CA_KEY = "ca.key";
    /** Tolerates clocks a few minutes behind the CA's, so a fresh certificate is valid at once. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final Duration CA_VALIDITY = Duration.ofDays(3650);

    private final Path dir;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String consortiumName;

    private ConsortiumCa(Path dir, X509Certificate certificate, PrivateKey key) {
        this.dir = dir;
        this.certificate = certificate;
        this.key = key;
        String o = Names.first(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), BCStyle.O);
        if (o == null) {
            throw new MedfedException(dir.resolve(CA_CERT) + " is not a medfed consortium CA (its subject has no O)");
        }
        this.consortiumName = o;
    }

    /** Creates a new CA in {@code dir}; refuses if the directory already holds one. */
    public static ConsortiumCa init(Path dir, String consortiumName) {
        String consortium = Names.checkConsortium(consortiumName);
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        if (Files.exists(certFile) || Files.exists(keyFile)) {
            throw new MedfedException(dir + " already holds a consortium CA (" + (Files.exists(certFile) ? certFile : keyFile)
                    + "); refusing to replace it, since every certificate it issued would stop being trusted");
        }
        KeyPair pair = Keys.generate();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, consortium).addRDN(BCStyle.CN, consortium + " CA").build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, Keys.serial(),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(Keys.signer(pair.getPrivate())));
            Pem.writePrivateKey(keyFile, pair.getPrivate());
            Pem.writeCertificate(certFile, cert);
            return new ConsortiumCa(dir, cert, pair.getPrivate());
        } catch (CertIOException | CertificateException | java.security.NoSuchAlgorithmException e) {
            throw new MedfedException("cannot build the CA certificate: " + e.getMessage(), e);
        }
    }

    /** Loads the CA kept in {@code dir} ({@code ca.pem} and {@code ca.key}). */
    public static ConsortiumCa load(Path dir) {
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        if (!Files.exists(certFile)) {
            throw new MedfedException("no consortium CA in " + dir + " (" + certFile
                    + " not found); create one first with 'medfed pki init --dir " + dir + " --name NAME'");
        }
        if (!Files.exists(keyFile)) {
            throw new MedfedException(keyFile + " not found: issuing and signing need the CA's private key");
        }
        return new ConsortiumCa(dir, Pem.readCertificate(certFile), Pem.readPrivateKey(keyFile));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public String consortiumName() {
        return consortiumName;
    }

    /** The directory holding the CA, where issued certificates are written. */
    public Path directory() {
        return dir;
    }

    /** Issues a fresh key pair and certificate, written to {@code dir/NAME.pem} and {@code dir/NAME.key} (owner-only). */
    public IssuedFiles issue(String name, Role role, List<String> hosts, Duration validity) {
        Names.checkName(name);
        Path certFile = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + ".key");
        refuseExisting(certFile);
        refuseExisting(keyFile);
        KeyPair pair = Keys.generate();
        Instant now = Instant.now();
        X509Certificate cert = certify(pair.getPublic(), name, role, hosts, now.minus(CLOCK_SKEW), notAfter(now, validity));
        Pem.writePrivateKey(keyFile, pair.getPrivate());
        Pem.writeCertificate(certFile, cert);
        return new IssuedFiles(certFile, keyFile);
    }

    /**
     * The certificate for a given public key with an explicit validity window; writes nothing.
     * Hubs and sites get {@code serverAuth} and {@code clientAuth} (a site serves its ring
     * neighbours in decentralized mode), analysts only {@code clientAuth}.
     */
    public X509Certificate certify(PublicKey key, String name, Role role, List<String> hosts, Instant notBefore,
            Instant notAfter) {
        Names.checkName(name);
        if (role == null) {
            throw new UsageException("a certificate needs a role: one of " + Role.allowed());
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new UsageException("certificate validity must end after it begins");
        }
        List<String> names = Names.hosts(role, hosts);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            KeyPurposeId[] purposes = role == Role.ANALYST
                    ? new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}
                    : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Keys.serial(),
                    Date.from(notBefore), Date.from(notAfter), Names.subject(consortiumName, name, role), key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate.getPublicKey()))
                    .addExtension(RoleExtension.of(role));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, Names.subjectAltNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(Keys.signer(this.key)));
        } catch (CertIOException | CertificateException | java.security.NoSuchAlgorithmException e) {
            throw new MedfedException("cannot build the certificate for " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs a request made by {@link CertificateRequests#create}: checks its signature (the
     * requester holds the key), takes name, role and hosts from it, and writes
     * {@code dir/NAME.pem}. Everything else (issuer, validity, key usages) is the CA's choice.
     */
    public Path sign(Path csrFile, Duration validity) {
        PKCS10CertificationRequest csr = Pem.readCertificationRequest(csrFile);
        PublicKey key;
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            key = jca.getPublicKey();
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new MedfedException(csrFile + ": the request's signature does not verify; it was altered or damaged");
            }
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException e) {
            throw new MedfedException(csrFile + ": cannot verify the request: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new MedfedException(csrFile + ": the request's key is not an EC P-256 key; make it with 'medfed pki request'");
        }
        X500Name subject = csr.getSubject();
        String name = Names.first(subject, BCStyle.CN);
        if (name == null) {
            throw new MedfedException(csrFile + ": the request's subject has no CN (name)");
        }
        try {
            Names.checkName(name);
        } catch (UsageException e) {
            throw new MedfedException(csrFile + ": " + e.getMessage());
        }
        Extensions requested = requestedExtensions(csr);
        Role role = requestedRole(csrFile, subject, requested);
        List<String> hosts = requestedHosts(requested);
        Path certFile = dir.resolve(name + ".pem");
        refuseExisting(certFile);
        Instant now = Instant.now();
        X509Certificate cert = certify(key, name, role, hosts, now.minus(CLOCK_SKEW), notAfter(now, validity));
        Pem.writeCertificate(certFile, cert);
        return certFile;
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable v : a.getAttributeValues()) {
                return Extensions.getInstance(v);
            }
        }
        return null;
    }

    private static Role requestedRole(Path csrFile, X500Name subject, Extensions requested) {
        String ou = Names.first(subject, BCStyle.OU);
        String fromExtension = null;
        if (requested != null && requested.getExtension(RoleExtension.IDENTIFIER) != null) {
            fromExtension = org.bouncycastle.asn1.DERUTF8String.getInstance(
                    requested.getExtension(RoleExtension.IDENTIFIER).getParsedValue()).getString();
        }
        String label = fromExtension != null ? fromExtension : ou;
        if (fromExtension != null && ou != null && !fromExtension.equals(ou)) {
            throw new MedfedException(csrFile + ": the request's OU '" + ou + "' and role '" + fromExtension + "' disagree");
        }
        String shown = label;
        return Role.fromLabel(label).orElseThrow(() -> new MedfedException(csrFile + ": the request names role '" + shown
                + "', not one of " + Role.allowed()));
    }

    private static List<String> requestedHosts(Extensions requested) {
        List<String> hosts = new ArrayList<>();
        GeneralNames san = requested == null ? null : GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName g : san.getNames()) {
                hosts.add(CertificateSummary.render(g));
            }
        }
        return hosts;
    }

    private Instant notAfter(Instant now, Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new UsageException("certificate validity must be positive, e.g. 365 days");
        }
        Instant end = now.plus(validity);
        Instant caEnd = certificate.getNotAfter().toInstant();
        if (end.isAfter(caEnd)) {
            throw new UsageException("a certificate valid for " + validity.toDays() + " days would outlive the CA, which expires "
                    + caEnd + "; ask for fewer days");
        }
        return end;
    }

    private static void refuseExisting(Path file) {
        if (Files.exists(file)) {
            throw new MedfedException(file + " already exists; refusing to overwrite it (move it away to reissue)");
        }
    }
}
