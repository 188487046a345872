package org.medfed.methods.cox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The concordance counts against plain enumeration of all pairs (with survival's definitions:
 * a row censored at an event's time is later; events at one time are tied on y), on seeded random
 * data with ties in time and score; and the binned estimate of the pooled design within its bound.
 */
class ConcordanceTest {

    @RepeatedTest(6)
    void countsAndStandardErrorEqualPairEnumeration(RepetitionInfo info) {
        Random random = new Random(100 + info.getCurrentRepetition());
        int n = 60 + random.nextInt(200);
        double[] time = new double[n];
        boolean[] event = new boolean[n];
        double[] lp = new double[n];
        int[] stratum = new int[n];
        int strata = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            time[i] = 1 + random.nextInt(40);
            event[i] = random.nextDouble() < 0.7;
            lp[i] = random.nextInt(25) / 7.0 - 1.5; // many exact ties
            stratum[i] = random.nextInt(strata);
        }
        Concordance.Counts counts = Concordance.of(time, event, stratum, strata, lp);

        double c = 0, d = 0, t = 0, ty = 0, txy = 0;
        double[] ic = new double[n], id = new double[n], it = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || stratum[i] != stratum[j] || !event[i]) {
                    continue;
                }
                boolean later = time[j] > time[i] || (time[j] == time[i] && !event[j]);
                if (later) {
                    if (lp[i] > lp[j]) {
                        c++; ic[i]++; ic[j]++;
                    } else if (lp[i] < lp[j]) {
                        d++; id[i]++; id[j]++;
                    } else {
                        t++; it[i]++; it[j]++;
                    }
                } else if (time[j] == time[i] && event[j] && j > i) {
                    if (lp[i] == lp[j]) {
                        txy++;
                    } else {
                        ty++;
                    }
                }
            }
        }
        assertEquals(c, counts.concordant(), "concordant");
        assertEquals(d, counts.discordant(), "discordant");
        assertEquals(t, counts.tiedX(), "tied on x");
        assertEquals(ty, counts.tiedY(), "tied on y");
        assertEquals(txy, counts.tiedXY(), "tied on x and y");
        double pairs = c + d + t;
        double somer = (c - d) / pairs;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dfbeta = (ic[i] - id[i]) / pairs - somer / pairs * (ic[i] + id[i] + it[i]);
            sum += dfbeta * dfbeta;
        }
        assertEquals((c + t / 2) / pairs, counts.concordance(), 1e-14);
        assertEquals(Math.sqrt(sum) / 2, counts.stdError(), 1e-12);

        // The pooled design's binned estimate, on one stratum's grid of event times.
        double[] all = new double[n];
        int[] one = new int[n];
        java.util.TreeSet<Double> times = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            all[i] = lp[i];
            if (event[i]) {
                times.add(time[i]);
            }
        }
        double[] grid = times.stream().mapToDouble(Double::doubleValue).toArray();
        int[] start = {0, grid.length};
        int[] slot = RiskSets.slots(time, one, grid, start);
        Concordance.Counts pooled = Concordance.of(time, event, one, 1, all);
        for (int bins : new int[] {16, 4096}) {
            double[][] h = BinnedConcordance.histograms(slot, event, all, 1.3, grid.length, bins);
            BinnedConcordance.Estimate e = BinnedConcordance.estimate(start, h[0], h[1], bins);
            assertEquals(pooled.pairs(), e.comparablePairs(), "comparable pairs");
            assertEquals(pooled.tiedY() + pooled.tiedXY(), e.tiedOnTime(), "tied on time");
            assertTrue(Math.abs(e.concordance() - pooled.concordance()) <= e.errorBound() + 1e-15,
                    bins + " bins: " + e.concordance() + " vs " + pooled.concordance() + " bound " + e.errorBound());
            if (bins == 4096) {
                // with this many bins only pairs tied on the score share a bin
                assertEquals(pooled.tiedX(), e.sameBinPairs(), "same-bin pairs are the true ties");
                assertEquals(pooled.concordance(), e.concordance(), 1e-14);
            }
        }
    }
}
