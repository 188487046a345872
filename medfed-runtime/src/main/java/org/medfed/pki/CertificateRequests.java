package org.medfed.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.medfed.error.MedfedException;

/**
 * Certification requests made at a site (or by an analyst): the key pair is generated where it
 * will be used and only the public half travels to the consortium operator, who signs it with
 * {@link ConsortiumCa#sign}. The request asks for a name, role and hosts; the CA re-checks all
 * three and decides everything else.
 */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** Writes {@code outDir/NAME.key} (owner-only) and {@code outDir/NAME.csr}. */
    public static RequestFiles create(Path outDir, String name, Role role, List<String> hosts) {
        Names.checkName(name);
        List<String> names = Names.hosts(role, hosts);
        Path keyFile = outDir.resolve(name + ".key");
        Path csrFile = outDir.resolve(name + ".csr");
        for (Path p : List.of(keyFile, csrFile)) {
            if (Files.exists(p)) {
                throw new MedfedException(p + " already exists; refusing to overwrite it (move it away to make a new request)");
            }
        }
        KeyPair pair = Keys.generate();
        PKCS10CertificationRequest csr;
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(RoleExtension.of(role));
            if (!names.isEmpty()) {
                ext.addExtension(Extension.subjectAlternativeName, false, Names.subjectAltNames(names));
            }
            // The consortium name (O) is the CA's to set, so the request carries only CN and OU.
            csr = new JcaPKCS10CertificationRequestBuilder(Names.subject(null, name, role), pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                    .build(Keys.signer(pair.getPrivate()));
        } catch (IOException e) {
            throw new MedfedException("cannot build the certificate request for " + name + ": " + e.getMessage(), e);
        }
        Pem.writePrivateKey(keyFile, pair.getPrivate());
        Pem.writeCertificationRequest(csrFile, csr);
        return new RequestFiles(csrFile, keyFile);
    }
}
