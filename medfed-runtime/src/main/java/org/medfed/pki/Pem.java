package org.medfed.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.medfed.error.MedfedException;

/**
 * Reading and writing the PEM files of the consortium PKI. Keys are written as unencrypted
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), the format gRPC/Netty's TLS credentials read, into files
 * created owner-only; nothing here ever overwrites an existing file, so a reissue cannot
 * silently replace a key that is in use.
 */
public final class Pem {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private Pem() {
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) {
        List<X509Certificate> all = readCertificates(file);
        if (all.isEmpty()) {
            throw new MedfedException(file + " contains no PEM certificate");
        }
        return all.get(0);
    }

    /** Every certificate in a PEM file, in file order (other PEM blocks are skipped). */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : readAll(file)) {
            if (o instanceof X509CertificateHolder holder) {
                try {
                    out.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new MedfedException(file + " contains a certificate that cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** The private key in a PEM file (PKCS#8, or the traditional {@code EC PRIVATE KEY} form). */
    public static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : readAll(file)) {
            try {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            } catch (IOException e) {
                throw new MedfedException(file + " contains a private key that cannot be read: " + e.getMessage(), e);
            }
        }
        throw new MedfedException(file + " contains no unencrypted PEM private key");
    }

    /** The certification request in a PEM file. */
    public static PKCS10CertificationRequest readCertificationRequest(Path file) {
        for (Object o : readAll(file)) {
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
        }
        throw new MedfedException(file + " contains no PEM certificate request (BEGIN CERTIFICATE REQUEST)");
    }

    /** Writes a certificate to a new file (refuses to overwrite). */
    public static void writeCertificate(Path file, X509Certificate certificate) {
        writeNew(file, encode(certificate), false);
    }

    /** Writes a certification request to a new file (refuses to overwrite). */
    public static void writeCertificationRequest(Path file, PKCS10CertificationRequest request) {
        writeNew(file, encode(request), false);
    }

    /** Writes an unencrypted PKCS#8 private key to a new owner-only file (refuses to overwrite). */
    public static void writePrivateKey(Path file, PrivateKey key) {
        try {
            writeNew(file, encode(new JcaPKCS8Generator(key, null)), true);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new MedfedException("cannot encode the private key for " + file + ": " + e.getMessage(), e);
        }
    }

    /** The PEM text of a certificate, a CSR or a key generator. */
    static String encode(Object pemObject) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(pemObject);
        } catch (IOException e) {
            throw new MedfedException("cannot encode " + pemObject.getClass().getSimpleName() + " as PEM", e);
        }
        return text.toString();
    }

    private static List<Object> readAll(Path file) {
        List<Object> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                out.add(o);
            }
        } catch (NoSuchFileException e) {
            throw new MedfedException("file not found: " + file);
        } catch (IOException | RuntimeException e) {
            throw new MedfedException(file + " is not a readable PEM file: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Creates the file (failing if it exists) and writes it. A secret file gets its owner-only
     * permissions as an attribute of the create call itself, so there is no moment when the key
     * is on disk with the umask's wider permissions.
     */
    private static void writeNew(Path file, String text, boolean secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (secret && posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
                if (secret) {
                    // Not POSIX (e.g. Windows): the best the JDK offers without ACL editing.
                    java.io.File f = file.toFile();
                    f.setReadable(false, false);
                    f.setWritable(false, false);
                    f.setReadable(true, true);
                    f.setWritable(true, true);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new MedfedException(file + " already exists; refusing to overwrite it (move it away to reissue)");
        } catch (IOException e) {
            throw new MedfedException("cannot create " + file + ": " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the write error below is the one worth reporting
            }
            throw new MedfedException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
