package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Axis ticks and the way numbers are printed beside a forest plot's rows. */
class TicksAndNumbersTest {

    @Test
    void logTicksFollowOneTwoFiveThenDecades() {
        assertEquals(List.of(0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0), Ticks.log(0.5, 50));
        assertEquals(List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0), Ticks.log(0.001, 1000));
        assertEquals(List.of(0.5, 0.7, 1.0, 1.5, 2.0), Ticks.log(0.47, 2.1));
        List<Double> narrow = Ticks.log(0.9, 1.25);
        assertEquals(List.of("0.9", "1", "1.1", "1.2"), narrow.stream().map(Numbers::tick).toList());
    }

    @Test
    void linearTicksAreNiceSteps() {
        assertEquals(List.of("\u2212400", "\u2212300", "\u2212200", "\u2212100", "0", "100"),
                Ticks.linear(-420, 110, 6).stream().map(Numbers::tick).toList());
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"),
                Ticks.linear(0, 1, 6).stream().map(Numbers::tick).toList());
    }

    @Test
    void axisEndsReachTheNextTickWhenThatIsCheap() {
        assertArrayEquals(new double[] {0.5, 50}, Ticks.widenToTicks(0.72, 27, true), 1e-12);
        // 0.95 -> 0.5 would add more than a quarter of the span: left alone.
        assertArrayEquals(new double[] {0.95, 5}, Ticks.widenToTicks(0.95, 5, true), 1e-12);
        assertArrayEquals(new double[] {-500, 200}, Ticks.widenToTicks(-441, 137, false), 1e-9);
    }

    @Test
    void effectsPrintLikeAPaperTable() {
        assertEquals("1.05", Numbers.effect(1.0497));
        assertEquals("0.96", Numbers.effect(0.9636));
        assertEquals("25.3", Numbers.effect(25.29));
        assertEquals("1230", Numbers.effect(1234));
        assertEquals("0.043", Numbers.effect(0.0432));
        assertEquals("\u22120.10", Numbers.effect(-0.1021));
        assertEquals("1.2e-5", Numbers.effect(1.2e-5));
        assertEquals("0", Numbers.effect(-0.0));
        assertEquals("\u221e", Numbers.effect(Double.POSITIVE_INFINITY));
    }

    @Test
    void confidenceLevelsReadAsPercentages() {
        assertEquals("95", Numbers.percent(0.95));
        assertEquals("97.5", Numbers.percent(0.975));
        assertEquals("99.9", Numbers.percent(0.999));
    }

    @Test
    void pValuesStopAtOneInAThousand() {
        assertEquals("<0.001", Numbers.pValue(2e-7));
        assertEquals("0.026", Numbers.pValue(0.0258));
        assertEquals("0.688", Numbers.pValue(0.688007));
    }
}
