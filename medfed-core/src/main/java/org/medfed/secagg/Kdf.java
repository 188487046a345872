package org.medfed.secagg;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with a single output block: every key in the protocol is 32 bytes, so
 * extract-then-one-expand-step is the whole of HKDF here. The label separates uses of one secret
 * (pairwise masks, share encryption, PRG keys) so that no two derive the same key.
 */
final class Kdf {
    private static final byte[] SALT = "medfed-secagg-v1".getBytes(StandardCharsets.US_ASCII);

    private Kdf() {
    }

    static byte[] derive(byte[] secret, Transcript info) {
        byte[] prk = hmac(SALT, secret);
        byte[] infoBytes = info.toByteArray();
        byte[] block = new byte[infoBytes.length + 1];
        System.arraycopy(infoBytes, 0, block, 0, infoBytes.length);
        block[infoBytes.length] = 1;
        return hmac(prk, block);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JDK", e);
        }
    }
}
