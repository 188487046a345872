package org.medfed.filter;

/**
 * R's three-valued logic on whole columns. A logical vector is a {@code byte[]} holding
 * {@link #FALSE}, {@link #TRUE} or {@link #NA} per row: {@code NA & FALSE} is FALSE and
 * {@code NA | TRUE} is TRUE, because the answer does not depend on the unknown value.
 */
final class Truth {
    static final byte FALSE = 0;
    static final byte TRUE = 1;
    static final byte NA = 2;

    private Truth() {
    }

    static byte of(boolean b) {
        return b ? TRUE : FALSE;
    }

    static byte[] filled(int n, byte value) {
        byte[] out = new byte[n];
        if (value != FALSE) {
            java.util.Arrays.fill(out, value);
        }
        return out;
    }

    static byte[] not(byte[] a) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == NA ? NA : (byte) (1 - a[i]);
        }
        return out;
    }

    static byte[] and(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == FALSE || b[i] == FALSE ? FALSE : (a[i] == NA || b[i] == NA ? NA : TRUE);
        }
        return out;
    }

    static byte[] or(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == TRUE || b[i] == TRUE ? TRUE : (a[i] == NA || b[i] == NA ? NA : FALSE);
        }
        return out;
    }

    /** Rows subset() keeps: TRUE only, NA dropped. */
    static boolean[] kept(byte[] a) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == TRUE;
        }
        return out;
    }
}
