package org.medfed.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels left-aligned, numbers right-aligned, the separator between columns, and R's blank first column. */
class TextTableTest {
    @Test
    void alignsLabelsLeftAndNumbersRight() {
        StringBuilder sb = new StringBuilder();
        TextTable.append(sb, List.of(new String[] {"", "level", "Estimate"}, new String[] {"age", "b", "-0.5"},
                new String[] {"(Intercept)", "black", "12"}), 2, "  ");
        assertEquals("             level  Estimate\n"
                + "age          b          -0.5\n"
                + "(Intercept)  black        12\n", sb.toString());
    }

    @Test
    void rowsWithoutLabelsStartWithABlankColumn() {
        StringBuilder sb = new StringBuilder();
        TextTable.append(sb, List.of(new String[] {"", "n"}, new String[] {"", "10"}), 1, " ");
        assertEquals("   n\n  10\n", sb.toString());
    }
}
