package org.medfed.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.error.UsageException;

/** Term labels, order, intercept and deparse, each expectation copied from R 4.2.2's terms(). */
class FormulaTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "y ~ b:a + a; a|b:a",
        "y ~ a + b:a; a|a:b",
        "y ~ b*a; b|a|b:a",
        "y ~ a*b*c; a|b|c|a:b|a:c|b:c|a:b:c",
        "y ~ (a+b+c)^2; a|b|c|a:b|a:c|b:c",
        "y ~ c:b + a:c; c:b|c:a",
        "y ~ I(age^2) + I(x*y) + I(x+1) + I(x-1) + I(x/2) + I(-x) + I(2*-x) + log(lwt); I(age^2)|I(x * y)|I(x + 1)|I(x - 1)|I(x/2)|I(-x)|I(2 * -x)|log(lwt)",
        "y ~ a + a; a",
        "y ~ a*b - a; b|a:b",
        "y ~ a*b - a:b; a|b",
        "y ~ I(x^-1) + I((x+1)^2) + I(x^2.5) + I(1e6*x) + I(0.1*x) + I(x*(y+z)) + I(x - (y - z)) + I(x - y - z) + I(-(x+1)); I(x^-1)|I((x + 1)^2)|I(x^2.5)|I(1e+06 * x)|I(0.1 * x)|I(x * (y + z))|I(x - (y - z))|I(x - y - z)|I(-(x + 1))",
        "y ~ log(x, 2); log(x, 2)",
        "y ~ factor(cyl):wt + wt; wt|factor(cyl):wt",
        "y ~ a %in% b; a:b",
        "y ~ exp(x) + sqrt(x) + abs(x) + log2(x) + log10(x); exp(x)|sqrt(x)|abs(x)|log2(x)|log10(x)",
        "y ~ I(x^2):a; I(x^2):a",
        "y ~ b + a:b + a; b|a|b:a",
        "y ~ I(2^x) + I(x * 2.50) + I(x*100000) + I(x*1e5) + I(x*123456789012); I(2^x)|I(x * 2.5)|I(x * 1e+05)|I(x * 123456789012)",
        "y ~ x + I(x) + x:x; x|I(x)",
        "y ~ -b + z:b; b:z",
        "y ~ f/x; f|f:x",
        "y ~ offset(log(h)) + a + offset(z); a",
        "y ~ (a + b)*(c + d); a|b|c|d|a:c|a:d|b:c|b:d",
    })
    void termLabelsMatchR(String formula, String labels) {
        assertEquals(List.of(labels.split("\\|")), Formula.parse(formula).termLabels());
    }

    @Test
    void interceptRules() {
        assertFalse(Formula.parse("y ~ a - 1").hasIntercept());
        assertFalse(Formula.parse("y ~ 0 + a").hasIntercept());
        assertFalse(Formula.parse("y ~ -1 + a").hasIntercept());
        assertTrue(Formula.parse("y ~ a + 0 + 1").hasIntercept());
        assertTrue(Formula.parse("y ~ a + b - 1 + 1").hasIntercept());
        assertTrue(Formula.parse("y ~ a").hasIntercept());
        assertTrue(Formula.parse("y ~ 1").termLabels().isEmpty());
    }

    @Test
    void deparseAndVariables() {
        Formula f = Formula.parse("Claims~factor(District)+Group+Age+offset( log(Holders) )");
        assertEquals("Claims ~ factor(District) + Group + Age + offset(log(Holders))", f.text());
        assertEquals("Claims", f.responseLabel());
        assertEquals(List.of("Claims", "District", "Group", "Age", "Holders"), f.variables());
        assertEquals(List.of("factor(District)", "Group", "Age"), f.termLabels());
        assertEquals(List.of("factor(District)", "Group", "Age"), f.factorKeys());
        assertTrue(f.hasOffset());
        assertEquals(List.of("offset(log(Holders))"), f.offsetLabels());

        Formula g = Formula.parse("log(y) ~ x*z + I(x^2) - z");
        assertEquals("log(y)", g.responseLabel());
        assertEquals("log(y) ~ x * z + I(x^2) - z", g.text());
        assertEquals(List.of("y", "x", "z"), g.variables());
        assertEquals(List.of("x", "I(x^2)", "x:z"), g.termLabels());
        assertEquals(List.of("x", "z"), g.factorKeys());
        assertFalse(g.hasOffset());

        Formula h = Formula.parse("~ a + `my var`");
        assertNull(h.responseLabel());
        assertEquals("~a + `my var`", h.text());
        assertEquals(List.of("a", "`my var`"), h.termLabels());
        assertEquals(List.of("a", "my var"), h.variables());
    }

    @Test
    void syntaxErrorsNamePositionAndToken() {
        UsageException e = assertThrows(UsageException.class, () -> Formula.parse("y ~ a $ b"));
        assertEquals("formula: unexpected '$' at position 7 in 'y ~ a $ b'", e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ foo(a)"));
        assertTrue(e.getMessage().startsWith("formula: unknown function 'foo' at position 5 in 'y ~ foo(a)' (supported: log,"),
                e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ (a + b"));
        assertTrue(e.getMessage().contains("missing ')'"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y a"));
        assertTrue(e.getMessage().contains("unexpected 'a' at position 3"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y + a"));
        assertTrue(e.getMessage().contains("missing '~'"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ a + 2"));
        assertTrue(e.getMessage().contains("invalid term '2'"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ I(a:b)"));
        assertTrue(e.getMessage().contains("operator ':' cannot be used inside I(a:b)"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ factor(a + b)"));
        assertTrue(e.getMessage().contains("factor() takes one column name"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ ."));
        assertTrue(e.getMessage().contains("'.'"), e.getMessage());
        e = assertThrows(UsageException.class, () -> Formula.parse("y ~ a %% b"));
        assertTrue(e.getMessage().contains("unsupported operator '%%'"), e.getMessage());
        assertThrows(UsageException.class, () -> Formula.parse(""));
        assertThrows(UsageException.class, () -> Formula.parse("y ~ a ~ b"));
        assertThrows(UsageException.class, () -> Formula.parse("y ~ (a+b)^x"));
    }
}
