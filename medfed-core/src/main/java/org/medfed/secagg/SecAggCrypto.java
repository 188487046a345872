package org.medfed.secagg;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK primitives the protocol uses, in one place: X25519 key pairs and agreement, the
 * identity-key signature, AES-256-GCM for shares, and the derivations that bind every key to its
 * job and its pair of sites. Public keys travel as their X.509 encoding, which is canonical for
 * X25519, so equal keys have equal bytes.
 */
final class SecAggCrypto {
    static final int NONCE_BYTES = 12;

    private SecAggCrypto() {
    }

    static KeyPair x25519(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            g.initialize(NamedParameterSpec.X25519, random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable in this JDK", e);
        }
    }

    static PublicKey x25519Public(byte[] encoded, String site) {
        try {
            return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SecAggException("site " + site + " advertised a malformed X25519 public key", e);
        }
    }

    static byte[] scalar(PrivateKey key) {
        return ((XECPrivateKey) key).getScalar()
                .orElseThrow(() -> new IllegalStateException("X25519 private key without a scalar"));
    }

    static PrivateKey x25519Private(byte[] scalar) {
        try {
            return KeyFactory.getInstance("X25519")
                    .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 unavailable in this JDK", e);
        }
    }

    /** Raw X25519 shared secret; the JDK refuses small-order points, which would give a known secret. */
    static byte[] agree(PrivateKey mine, PublicKey theirs, String theirSite) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new SecAggException("key agreement with site " + theirSite + " failed: " + e.getMessage(), e);
        }
    }

    /** Seed of the pairwise mask between two sites; symmetric because the pair is put in job order. */
    static byte[] pairSeed(byte[] shared, String jobId, String first, String second) {
        return Kdf.derive(shared, new Transcript("medfed-secagg pair mask").str(jobId).str(first).str(second));
    }

    static byte[] advertisementTranscript(String jobId, String site, byte[] cipherPk, byte[] maskPk) {
        return new Transcript("medfed-secagg advertise").str(jobId).str(site).bytes(cipherPk).bytes(maskPk)
                .toByteArray();
    }

    static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "EC":
                return "SHA256withECDSA";
            case "RSA":
                return "SHA256withRSA";
            case "Ed25519":
            case "EdDSA":
                return "Ed25519";
            default:
                throw new SecAggException("identity keys of type " + keyAlgorithm + " are not supported");
        }
    }

    static byte[] sign(PrivateKey identity, byte[] data, SecureRandom random) {
        try {
            Signature s = Signature.getInstance(signatureAlgorithm(identity.getAlgorithm()));
            s.initSign(identity, random);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SecAggException("cannot sign with the site's identity key: " + e.getMessage(), e);
        }
    }

    static boolean verify(PublicKey identity, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(signatureAlgorithm(identity.getAlgorithm()));
            s.initVerify(identity);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature is just a bad signature
        }
    }

    /** Key and associated data bind a share ciphertext to its job and its direction (from, to). */
    static byte[] shareKey(byte[] shared, String jobId, String from, String to) {
        return Kdf.derive(shared, new Transcript("medfed-secagg share key").str(jobId).str(from).str(to));
    }

    static byte[] shareAad(String jobId, String from, String to) {
        return new Transcript("medfed-secagg shares").str(jobId).str(from).str(to).toByteArray();
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable in this JDK", e);
        }
    }

    /** The plaintext, or null when authentication fails. */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
