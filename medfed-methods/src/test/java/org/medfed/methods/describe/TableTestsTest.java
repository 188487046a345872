package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * When the hub may and may not test a pooled table; the numbers themselves are checked against R
 * in medfed-runtime's TableTestsReferenceTest.
 */
class TableTestsTest {

    @Test
    void aSuppressedCellLeavesEveryTestOutAndSaysWhy() {
        double[][] counts = {{10, 0}, {7, 12}};
        boolean[][] suppressed = {{false, true}, {false, false}};
        TableTests t = TableTests.of(counts, suppressed, true, true, 0.95);
        assertNull(t.chisq());
        assertNull(t.fisher());
        assertNull(t.riskDifference());
        assertNull(t.oddsRatio());
        assertEquals("tests not computed: 1 cell was suppressed at a site, so the pooled counts are incomplete",
                t.notes().get(0));
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        t.writeTo(json);
        assertTrue(json.path("tests").path("chisq").isNull());
        assertTrue(json.path("tests").path("fisher").isNull());
        assertEquals(t.notes().get(0), json.path("tests").path("notes").get(0).asText());
        assertTrue(t.toText().contains("Note: tests not computed"), t.toText());
    }

    @Test
    void noisedCountsAreNotTested() {
        TableTests t = TableTests.of(new double[][] {{10.4, 3}, {7, 12}}, null, true, true, 0.95);
        assertNull(t.chisq());
        assertTrue(t.notes().get(0).contains("not whole non-negative numbers"), t.notes().toString());
        TableTests negative = TableTests.of(new double[][] {{-1, 3}, {7, 12}}, null, true, true, 0.95);
        assertNull(negative.fisher());
    }

    @Test
    void aTableWithOneColumnLevelHasNoTestOfAssociation() {
        TableTests t = TableTests.of(new double[][] {{10}, {7}}, null, true, true, 0.95);
        assertNull(t.chisq());
        assertTrue(t.notes().get(0).contains("only one column level"), t.notes().toString());
    }

    @Test
    void aOneWayTableIsTestedAgainstEqualProportions() {
        // R: chisq.test(c(5, 3)): X-squared = 0.5, df = 1, p-value = 0.4795001
        TableTests t = TableTests.of(new double[][] {{5}, {3}}, null, false, true, 0.95);
        assertEquals(0.5, t.chisq().statistic(), 1e-15);
        assertEquals(1, t.chisq().df());
        assertEquals(0.4795001221869534, t.chisq().pValue(), 1e-12);
        assertEquals("Chi-squared test for given probabilities", t.chisq().method());
        assertNull(t.fisher());
    }

    @Test
    void yatesOnlyForTwoByTwoAndTheSampleOddsRatioNeedsNoEmptyCell() {
        // R: chisq.test(matrix(c(1, 2, 3, 4, 5, 6), 2)) ignores correct = TRUE: X-squared = 0.1414141
        TableTests wide = TableTests.of(new double[][] {{1, 3, 5}, {2, 4, 6}}, null, true, true, 0.95);
        assertEquals(false, wide.chisq().correct());
        assertEquals(0.1414141, wide.chisq().statistic(), 5e-8);
        assertTrue(wide.warnings().get(0).startsWith("Chi-squared approximation may be incorrect"));

        TableTests zero = TableTests.of(new double[][] {{0, 4}, {5, 3}}, null, true, true, 0.95);
        assertNull(zero.oddsRatio());
        assertEquals(0, zero.fisher().estimate(), "conditional MLE at the lower end of the support");
        assertTrue(zero.notes().get(0).startsWith("sample odds ratio not computed: a cell is 0"), zero.notes().toString());
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        TableTests.of(new double[][] {{7, 2}, {0, 5}}, null, true, true, 0.95).writeTo(json);
        JsonNode fisher = json.path("tests").path("fisher");
        assertEquals("Inf", fisher.path("estimate").asText(), "R's Inf, as the fixtures write it");
        assertEquals("Inf", fisher.path("conf_high").asText());
        assertTrue(json.path("measures").path("odds_ratio").isNull());
        assertTrue(json.path("measures").path("risk_difference").has("conf_low"));
    }
}
