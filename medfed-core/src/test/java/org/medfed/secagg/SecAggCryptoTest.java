package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle fast paths agree with the JDK, and refuse what the JDK refuses. */
class SecAggCryptoTest {

    @Test
    void x25519AgreementEqualsTheJdksAndIsSymmetric() throws Exception {
        SecureRandom random = Consortium.seeded(41);
        for (int i = 0; i < 20; i++) {
            KeyPair a = SecAggCrypto.x25519(random);
            KeyPair b = SecAggCrypto.x25519(random);
            KeyAgreement jdk = KeyAgreement.getInstance("X25519");
            jdk.init(a.getPrivate());
            jdk.doPhase(b.getPublic(), true);
            byte[] expected = jdk.generateSecret();
            assertArrayEquals(expected, SecAggCrypto.agree(a.getPrivate(), b.getPublic(), "b"));
            assertArrayEquals(expected, SecAggCrypto.agree(b.getPrivate(), a.getPublic(), "a"));
            // through the wire form too
            PublicKey decoded = SecAggCrypto.x25519Public(b.getPublic().getEncoded(), "b");
            assertArrayEquals(expected, SecAggCrypto.agree(a.getPrivate(), decoded, "b"));
        }
    }

    @Test
    void smallOrderPublicKeysAreRefused() throws Exception {
        KeyPair a = SecAggCrypto.x25519(Consortium.seeded(42));
        for (long u : new long[] {0, 1}) {
            PublicKey weak = KeyFactory.getInstance("X25519")
                    .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.valueOf(u)));
            SecAggException e = assertThrows(SecAggException.class, () -> SecAggCrypto.agree(a.getPrivate(), weak, "x"));
            assertTrue(e.getMessage().contains("small order"), e.getMessage());
        }
    }

    @Test
    void p256VerificationAgreesWithTheJdk() throws Exception {
        SecureRandom random = Consortium.seeded(43);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair id = g.generateKeyPair();
        KeyPair other = g.generateKeyPair();
        for (int i = 0; i < 20; i++) {
            byte[] data = new byte[50 + i];
            random.nextBytes(data);
            byte[] sig = SecAggCrypto.sign(id.getPrivate(), data, random);
            assertTrue(SecAggCrypto.verify(id.getPublic(), data, sig));
            assertFalse(SecAggCrypto.verify(other.getPublic(), data, sig));
            byte[] tampered = data.clone();
            tampered[i] ^= 1;
            assertFalse(SecAggCrypto.verify(id.getPublic(), tampered, sig));
            byte[] badSig = sig.clone();
            badSig[badSig.length - 1] ^= 1;
            assertFalse(SecAggCrypto.verify(id.getPublic(), data, badSig));
            Signature jdk = Signature.getInstance("SHA256withECDSA");
            jdk.initVerify(id.getPublic());
            jdk.update(data);
            assertTrue(jdk.verify(sig));
        }
        byte[] data = {1, 2, 3};
        byte[] sig = SecAggCrypto.sign(id.getPrivate(), data, random);
        // not canonical DER: a trailing byte, or a truncated signature
        byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
        assertFalse(SecAggCrypto.verify(id.getPublic(), data, trailing));
        assertFalse(SecAggCrypto.verify(id.getPublic(), data, java.util.Arrays.copyOf(sig, sig.length - 1)));
        assertFalse(SecAggCrypto.verify(id.getPublic(), data, new byte[0]));
    }

    @Test
    void otherIdentityKeysAreVerifiedByTheJdk() throws Exception {
        SecureRandom random = Consortium.seeded(44);
        for (String type : new String[] {"RSA", "Ed25519"}) {
            KeyPair id = KeyPairGenerator.getInstance(type).generateKeyPair();
            byte[] data = {4, 5, 6};
            byte[] sig = SecAggCrypto.sign(id.getPrivate(), data, random);
            assertTrue(SecAggCrypto.verify(id.getPublic(), data, sig), type);
            assertFalse(SecAggCrypto.verify(id.getPublic(), new byte[] {4, 5, 7}, sig), type);
        }
        // an EC key on another curve is not P-256: the JDK checks it
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"), random);
        KeyPair p384 = g.generateKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(p384.getPrivate());
        s.update(new byte[] {9});
        byte[] sig = s.sign();
        assertTrue(SecAggCrypto.verify(p384.getPublic(), new byte[] {9}, sig));
        assertFalse(SecAggCrypto.verify(p384.getPublic(), new byte[] {8}, sig));
    }
}
