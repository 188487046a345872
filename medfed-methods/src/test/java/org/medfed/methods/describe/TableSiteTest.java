package org.medfed.methods.describe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.data.Table;
import org.medfed.error.UsageException;
import org.medfed.method.Disclosure;
import org.medfed.method.Sensitivity;

/** What a table's site half releases and declares to its gate. */
class TableSiteTest {
    private static final double NA = Double.NaN;

    /** Nine rows; one misses sex, one misses the (integer-coded) stage. */
    private static Table site() {
        return Tables.site("s1")
                .text("sex", "m", "f", "m", "m", null, "f", "m", "f", "m")
                .numbers("stage", 1, 2, 10, 1, 2, NA, 2, 1, 1)
                .table();
    }

    @Test
    void twoWayCountsOverCompleteRows() {
        Halves h = Halves.run(new TableMethod(), TableParameters.twoWay("sex", "stage"), site());
        TableResult r = (TableResult) h.result();
        assertEquals(List.of("f", "m"), r.rows(), "text sorted as R sorts");
        assertEquals(List.of("1", "2", "10"), r.cols(), "integer codes sorted as numbers");
        assertArrayEquals(new double[] {1, 1, 0}, r.counts()[0]);
        assertArrayEquals(new double[] {3, 1, 1}, r.counts()[1]);
        assertEquals(7, r.n());

        Disclosure d = h.of("s1", TableSteps.COUNTS).disclosure();
        assertEquals(7, d.rows(), "rows complete in both variables");
        assertEquals(7, d.rowsUsed().cardinality());
        assertTrue(!d.rowsUsed().get(4) && !d.rowsUsed().get(5), "incomplete rows are not used");
        assertTrue(d.smallestCell().isEmpty(), "no smallest cell: the gate judges each cell");
        assertEquals(Map.of(TableSteps.COUNTS, TableSteps.SUPPRESSED), d.cells(), "counts suppressible, flags beside them");
        assertArrayEquals(new double[6], h.of("s1", TableSteps.COUNTS).values().number(TableSteps.SUPPRESSED),
                "the site sends zero flags; only its gate marks");
        assertEquals(Sensitivity.counts(), d.sensitivities().get("counts"));
        assertEquals(Map.of("factor(sex)", 2, "factor(stage)", 3), d.factorLevels());
        assertEquals(List.of(2, 3), List.of(h.requests().get(1).release("counts").shape()[0],
                h.requests().get(1).release("counts").shape()[1]));
        assertArrayEquals(h.requests().get(1).release("counts").shape(), h.requests().get(1).release("suppressed").shape(),
                "flags have the table's shape");
    }

    @Test
    void oneWayTableAndTheAnalystsLevelOrder() {
        TableParameters p = TableParameters.oneWay("sex").withLevels(Map.of("sex", List.of("m", "f")));
        Halves h = Halves.run(new TableMethod(), p, site());
        TableResult r = (TableResult) h.result();
        assertEquals(List.of("m", "f"), r.rows());
        assertEquals(List.of(), r.cols());
        assertEquals(5, r.count(0, 0));
        assertEquals(3, r.count(1, 0));
        assertEquals(Map.of(TableSteps.COUNTS, TableSteps.SUPPRESSED), h.of("s1", TableSteps.COUNTS).disclosure().cells());
        assertEquals(8, h.of("s1", TableSteps.COUNTS).disclosure().rows());
        assertTrue(r.toText().contains("sex"), r.toText());
    }

    @Test
    void textReadsLikeRsTable() {
        TableResult r = (TableResult) Halves.run(new TableMethod(), TableParameters.twoWay("sex", "stage"), site()).result();
        String text = r.toText();
        assertTrue(text.contains("\n    stage\nsex 1 2 10\n  f 1 1  0\n  m 3 1  1\n\nPearson's Chi-squared test\n"), text);
        assertTrue(text.contains("\nFisher's Exact Test for Count Data"), text);
    }

    @Test
    void parametersAreCheckedAndRoundTripThroughJson() throws Exception {
        assertThrows(UsageException.class, () -> TableParameters.oneWay(" "));
        assertThrows(UsageException.class, () -> TableParameters.twoWay("a", "a"));
        assertThrows(UsageException.class, () -> TableParameters.twoWay("a", "b").withLevels(Map.of("c", List.of("x"))));
        TableParameters p = TableParameters.twoWay("sex", "stage").withLevels(Map.of("stage", List.of("10", "2", "1")));
        ObjectMapper json = new ObjectMapper();
        assertEquals(p, json.readValue(json.writeValueAsString(p), TableParameters.class));
        TableResult r = (TableResult) Halves.run(new TableMethod(), p, site()).result();
        assertEquals(List.of("10", "2", "1"), r.cols());
    }
}
