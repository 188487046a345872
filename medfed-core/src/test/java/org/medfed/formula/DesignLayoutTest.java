package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.error.MedfedException;

/** Design column names, each list copied from colnames(model.matrix(...)) in R 4.2.2. */
class DesignLayoutTest {
    // f: A,B,C and g: u,v are text (factors); x, z, y numeric.
    private static final FactorLevels LEVELS = new FactorLevels(Map.of(
            "f", List.of("A", "B", "C"), "g", List.of("u", "v"),
            "factor(cyl)", List.of("4", "6", "8")));
    private static final Set<String> NUMERIC = Set.of("y", "x", "z", "b");

    private static List<String> names(String formula) {
        return DesignLayout.of(Formula.parse(formula), LEVELS, NUMERIC).columnNames();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "y ~ f - 1; fA|fB|fC",
        "y ~ x + f - 1; x|fA|fB|fC",
        "y ~ f + g - 1; fA|fB|fC|gv",
        "y ~ f:g; (Intercept)|fA:gu|fB:gu|fC:gu|fA:gv|fB:gv|fC:gv",
        "y ~ x + x:f; (Intercept)|x|x:fB|x:fC",
        "y ~ x:f; (Intercept)|x:fA|x:fB|x:fC",
        "y ~ f*g; (Intercept)|fB|fC|gv|fB:gv|fC:gv",
        "y ~ f:g - 1; fA:gu|fB:gu|fC:gu|fA:gv|fB:gv|fC:gv",
        "y ~ g + f:g; (Intercept)|gv|gu:fB|gv:fB|gu:fC|gv:fC",
        "y ~ f*x; (Intercept)|fB|fC|x|fB:x|fC:x",
        "y ~ x:f - 1; x:fA|x:fB|x:fC",
        "y ~ f:g:x + f; (Intercept)|fB|fC|fA:gu:x|fB:gu:x|fC:gu:x|fA:gv:x|fB:gv:x|fC:gv:x",
        "y ~ 0 + x:f + f; fA|fB|fC|x:fA|x:fB|x:fC",
        "y ~ f/x; (Intercept)|fB|fC|fA:x|fB:x|fC:x",
        "y ~ x %in% f; (Intercept)|x:fA|x:fB|x:fC",
        "y ~ -b + z:b; (Intercept)|b:z",
        "y ~ y + x; (Intercept)|x",
        "y ~ 1; (Intercept)",
        "y ~ factor(cyl) - 1 + x; factor(cyl)4|factor(cyl)6|factor(cyl)8|x",
        "y ~ x:factor(cyl) + f:x; (Intercept)|x:factor(cyl)4|x:factor(cyl)6|x:factor(cyl)8|x:fb|x:fc",
    })
    void columnNamesMatchR(String formula, String expected) {
        List<String> want = List.of(expected.split("\\|"));
        if (formula.equals("y ~ x:factor(cyl) + f:x")) {
            // R ran this one with f levels a, b, c.
            FactorLevels lower = new FactorLevels(Map.of("f", List.of("a", "b", "c"), "factor(cyl)", List.of("4", "6", "8")));
            assertEquals(want, DesignLayout.of(Formula.parse(formula), lower, NUMERIC).columnNames());
            return;
        }
        assertEquals(want, names(formula));
    }

    @Test
    void emptyModel() {
        assertEquals(0, DesignLayout.of(Formula.parse("y ~ 0"), LEVELS, NUMERIC).width());
    }

    @Test
    void birthwt() {
        Formula f = Formula.parse("low ~ age + lwt + race + smoke + ptl + ht + ui + ftv");
        DesignLayout l = DesignLayout.of(f, new FactorLevels(Map.of("race", List.of("white", "black", "other"))),
                Set.of("low", "age", "lwt", "smoke", "ptl", "ht", "ui", "ftv"));
        assertEquals(List.of("(Intercept)", "age", "lwt", "raceblack", "raceother", "smoke", "ptl", "ht", "ui", "ftv"),
                l.columnNames());
        assertEquals(10, l.width());
        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 4, 5, 6, 7, 8}, l.assign());
    }

    @Test
    void mtcarsAndInsurance() {
        DesignLayout m = DesignLayout.of(Formula.parse("mpg ~ wt + hp + factor(cyl)"),
                new FactorLevels(Map.of("factor(cyl)", List.of("4", "6", "8"))), Set.of("mpg", "wt", "hp", "cyl"));
        assertEquals(List.of("(Intercept)", "wt", "hp", "factor(cyl)6", "factor(cyl)8"), m.columnNames());

        // MASS::Insurance has ordered factors (poly contrasts); here they are plain text, as
        // R gives for glm(Claims ~ factor(District) + Group + Age + offset(log(Holders)),
        // data = transform(Insurance, Group = as.character(Group), Age = as.character(Age))).
        DesignLayout ins = DesignLayout.of(Formula.parse("Claims ~ factor(District) + Group + Age + offset(log(Holders))"),
                new FactorLevels(Map.of("factor(District)", List.of("1", "2", "3", "4"),
                        "Group", FactorLevels.sortLikeR(List.of("1-1.5l", "<1l", ">2l", "1.5-2l"), false),
                        "Age", FactorLevels.sortLikeR(List.of("25-29", ">35", "<25", "30-35"), false))),
                Set.of("Claims", "District", "Holders"));
        assertEquals(List.of("(Intercept)", "factor(District)2", "factor(District)3", "factor(District)4",
                "Group>2l", "Group1-1.5l", "Group1.5-2l", "Age>35", "Age25-29", "Age30-35"), ins.columnNames());
    }

    @Test
    void interactionsPolynomialsAndLogs() {
        DesignLayout l = DesignLayout.of(Formula.parse("low ~ age*smoke + race:smoke + I(age^2) + log(lwt)"),
                new FactorLevels(Map.of("race", List.of("white", "black", "other"))), Set.of("low", "age", "smoke", "lwt"));
        assertEquals(List.of("(Intercept)", "age", "smoke", "I(age^2)", "log(lwt)", "age:smoke",
                "smoke:raceblack", "smoke:raceother"), l.columnNames());
    }

    @Test
    void factorNeedsTwoLevels() {
        MedfedException e = assertThrows(MedfedException.class, () -> DesignLayout.of(Formula.parse("y ~ f"),
                new FactorLevels(Map.of("f", List.of("A"))), NUMERIC));
        assertTrue(e.getMessage().contains("only one level ('A')"), e.getMessage());
        e = assertThrows(MedfedException.class, () -> DesignLayout.of(Formula.parse("y ~ w"), LEVELS, NUMERIC));
        assertTrue(e.getMessage().contains("no levels agreed for factor w"), e.getMessage());
    }
}
