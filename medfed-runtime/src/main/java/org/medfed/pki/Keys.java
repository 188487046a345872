package org.medfed.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.medfed.error.MedfedException;

/** Key pairs, signers and serial numbers, all from the JDK's default providers (SunEC). */
final class Keys {
    static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new MedfedException("this Java runtime cannot generate EC P-256 keys: " + e.getMessage(), e);
        }
    }

    static ContentSigner signer(PrivateKey key) {
        try {
            // No setProvider: the JDK's providers sign; BouncyCastle only assembles the DER.
            return new JcaContentSignerBuilder(SIGNATURE).build(key);
        } catch (OperatorCreationException e) {
            throw new MedfedException("cannot sign with " + SIGNATURE + ": " + e.getMessage(), e);
        }
    }

    /** A random positive 128-bit serial: unpredictable, and unique without a serial database. */
    static BigInteger serial() {
        BigInteger s;
        do {
            s = new BigInteger(128, RANDOM);
        } while (s.signum() == 0);
        return s;
    }
}
