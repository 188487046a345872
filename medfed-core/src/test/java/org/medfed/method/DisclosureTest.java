package org.medfed.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DisclosureTest {

    @Test
    void rowsAndParametersOnlyDeclareNothingElse() {
        Contribution c = new Contribution(Payload.EMPTY, 12, 3);
        assertEquals(12, c.rows());
        assertEquals(3, c.parameters());
        assertEquals(OptionalInt.empty(), c.disclosure().smallestCell());
        assertTrue(c.disclosure().factorLevels().isEmpty());
        assertNull(c.disclosure().rowsUsed());
        assertFalse(c.disclosure().declaresRowsUsed());
    }

    @Test
    void declaredFactsCannotBeChangedAfterwards() {
        BitSet rows = new BitSet();
        rows.set(2, 9);
        Map<String, Integer> levels = new HashMap<>(Map.of("ward", 4));
        Disclosure d = Disclosure.of(7, 2).withFactorLevels(levels).withRowsUsed(rows).withSmallestCell(3);
        rows.clear(4);
        levels.put("ward", 99);
        d.rowsUsed().clear(5);
        assertEquals(7, d.rowsUsed().cardinality());
        assertEquals(4, d.factorLevels().get("ward"));
        assertEquals(3, d.smallestCell().getAsInt());
    }

    @Test
    void rowSetsFromSourceRowsAndMasks() {
        BitSet fromRows = Disclosure.rowsOf(new int[] {0, 3, 4});
        BitSet fromMask = Disclosure.rowsOf(new boolean[] {true, false, false, true, true}, 5);
        assertEquals(fromRows, fromMask);
        assertEquals(5, Disclosure.rowsOf(null, 5).cardinality());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Disclosure.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> Disclosure.of(5, 0).withSmallestCell(-1));
        assertThrows(IllegalArgumentException.class, () -> Disclosure.of(5, 0).withFactorLevels(Map.of("x", -2)));
    }
}
