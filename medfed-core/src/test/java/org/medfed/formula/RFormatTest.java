package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** as.character(double) and sort() order, expectations printed by R 4.2.2 (ICU collation). */
class RFormatTest {

    @Test
    void numberLabelsMatchAsCharacter() {
        double[] x = {4, 1.5, 1e6, 0.1, 1.0 / 3, 100000, 123456, 1e15, 1e-4, 0.00012, -2, 1e5 + 0.1,
            123456789012345678.0, 0.1 + 0.2, 1e-300, Math.pow(2, 52), 100, 1234567, 0, -0.5};
        List<String> r = List.of("4", "1.5", "1e+06", "0.1", "0.333333333333333", "1e+05", "123456", "1e+15", "1e-04",
                "0.00012", "-2", "100000.1", "123456789012345680", "0.3", "1e-300", "4503599627370496", "100",
                "1234567", "0", "-0.5");
        for (int i = 0; i < x.length; i++) {
            assertEquals(r.get(i), FactorLevels.numberLabel(x[i]), "value " + x[i]);
        }
    }

    @Test
    void sortLikeRText() {
        List<String> in = List.of("b", "A", "a", "B", "_x", "x1", "x10", "x2", "Ab", "aB", "ab", "AB", "a b", "a-b", "a.b",
                "1", "10", "9", "Zz", "zZ", "a_b", "A b", "B1", "b1", "b-1", "e", "f");
        List<String> r = List.of("_x", "1", "10", "9", "a", "A", "a b", "A b", "a_b", "a-b", "a.b", "ab", "aB", "Ab", "AB",
                "b", "B", "b-1", "b1", "B1", "e", "f", "x1", "x10", "x2", "zZ", "Zz");
        assertEquals(r, FactorLevels.sortLikeR(in, false));
        assertEquals(List.of("a", "A", "b", "B"), FactorLevels.sortLikeR(List.of("b", "A", "a", "B"), false));
        assertEquals(List.of("x", "X", "x a", "x A", "xa", "Xa"),
                FactorLevels.sortLikeR(List.of("xa", "X", "x A", "Xa", "x a", "x"), false));
    }

    @Test
    void sortLikeRNumeric() {
        assertEquals(List.of("-1", "2.5", "9", "10", "1e+05"),
                FactorLevels.sortLikeR(List.of("10", "9", "1e+05", "-1", "2.5", "9"), true));
    }
}
