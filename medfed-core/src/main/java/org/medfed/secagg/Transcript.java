package org.medfed.secagg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Unambiguous byte encoding of the fields that are signed, authenticated or fed to a key
 * derivation: every field is length-prefixed, so ("ab","c") and ("a","bc") never collide.
 */
final class Transcript {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Transcript(String domain) {
        str(domain);
    }

    Transcript str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Transcript i32(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    Transcript bytes(byte[] b) {
        i32(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
