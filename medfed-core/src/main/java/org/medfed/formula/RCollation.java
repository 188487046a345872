package org.medfed.formula;

import java.text.Normalizer;
import java.util.Comparator;

/**
 * R's {@code sort()} order for level names, as R with ICU sorts them (the default on Linux
 * builds, and what {@code en_US} gives): punctuation and spaces first in ICU's root order,
 * then digits, then letters case-insensitively; ties go to lowercase first, position by
 * position. Exact for ASCII; accented letters sort with their base letter (accent as a
 * secondary difference), other characters after all ASCII by code point.
 * {@link java.text.Collator} is not used because it ignores spaces and hyphens, which ICU does not.
 */
final class RCollation implements Comparator<String> {
    static final RCollation INSTANCE = new RCollation();

    // ICU root collation order of printable ASCII, letters folded (read off R 4.2 sort()).
    private static final String ORDER = "\t\n\u000b\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789"
            + "abcdefghijklmnopqrstuvwxyz";
    private static final int[] PRIMARY = new int[128];

    static {
        java.util.Arrays.fill(PRIMARY, -1);
        for (int i = 0; i < ORDER.length(); i++) {
            PRIMARY[ORDER.charAt(i)] = i + 1;
            char c = ORDER.charAt(i);
            if (c >= 'a' && c <= 'z') {
                PRIMARY[Character.toUpperCase(c)] = i + 1;
            }
        }
    }

    private RCollation() {
    }

    @Override
    public int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        Key ka = key(a);
        Key kb = key(b);
        int c = compareArrays(ka.primary, kb.primary);
        if (c == 0) {
            c = compareArrays(ka.secondary, kb.secondary);
        }
        if (c == 0) {
            c = compareArrays(ka.tertiary, kb.tertiary);
        }
        return c != 0 ? c : a.compareTo(b);
    }

    private record Key(int[] primary, int[] secondary, int[] tertiary) {
    }

    private static Key key(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        int[] p = new int[d.length()];
        int[] sec = new int[d.length()];
        int[] t = new int[d.length()];
        int n = 0;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                if (n > 0) {
                    sec[n - 1] = sec[n - 1] * 31 + c;
                }
                continue;
            }
            int w = c < 128 ? PRIMARY[c] : -1;
            if (w < 0) {
                // Unknown ASCII controls are ignorable in ICU; other characters go after ASCII.
                if (c < 128) {
                    continue;
                }
                int folded = Character.toLowerCase(c);
                w = 1000 + folded;
            }
            p[n] = w;
            t[n] = Character.isUpperCase(c) ? 1 : 0;
            n++;
        }
        return new Key(java.util.Arrays.copyOf(p, n), java.util.Arrays.copyOf(sec, n), java.util.Arrays.copyOf(t, n));
    }

    private static int compareArrays(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
