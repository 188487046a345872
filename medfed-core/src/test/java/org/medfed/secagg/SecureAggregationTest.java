package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole protocol, hub and sites in memory: sums, dropouts, aborts, and what the hub sees. */
class SecureAggregationTest {

    /** Per round: each site's GLM-like X'WX and X'(y - mu) from its slice of a 1000 x 10 design, plus noise-like data. */
    private static Map<String, Map<String, double[]>> glmRound(List<String> sites, int round, long seed) {
        int rows = 1000;
        int p = 10;
        SplittableRandom design = new SplittableRandom(seed); // the same design in every round
        double[][] x = new double[rows][p];
        double[] y = new double[rows];
        double[] scales = {1, 40, 1e3, 0.01, 1, 2e4, 0.5, 3, 1, 100};
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = j == 0 ? 1 : scales[j] * design.nextGaussian();
            }
            y[i] = design.nextInt(2);
        }
        SplittableRandom beta = new SplittableRandom(seed * 31 + round);
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = 0.1 * beta.nextGaussian() / scales[j];
        }
        SplittableRandom wide = new SplittableRandom(seed * 17 + round);
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (int s = 0; s < sites.size(); s++) {
            double[] xtwx = new double[p * p];
            double[] score = new double[p];
            double[] dev = new double[1];
            for (int i = s; i < rows; i += sites.size()) {
                double eta = 0;
                for (int j = 0; j < p; j++) {
                    eta += x[i][j] * b[j];
                }
                double mu = 1 / (1 + Math.exp(-eta));
                double w = mu * (1 - mu);
                for (int j = 0; j < p; j++) {
                    score[j] += x[i][j] * (y[i] - mu);
                    for (int k = 0; k < p; k++) {
                        xtwx[j * p + k] += w * x[i][j] * x[i][k];
                    }
                }
                dev[0] += -2 * (y[i] * Math.log(mu) + (1 - y[i]) * Math.log(1 - mu));
            }
            double[] random = new double[300];
            for (int i = 0; i < random.length; i++) {
                random[i] = FixedPointRingTest.wideRange(wide);
            }
            Map<String, double[]> q = new LinkedHashMap<>();
            q.put("xtwx", xtwx);
            q.put("score", score);
            q.put("deviance", dev);
            q.put("random", random);
            out.put(sites.get(s), q);
        }
        return out;
    }

    /** The result against the exact sum (stated guarantee) and the plain double sum in site order (1e-12). */
    private static void assertSum(Map<String, Map<String, double[]>> inputs, List<String> included, RoundSum result) {
        assertEquals(included, result.included());
        for (String name : inputs.values().iterator().next().keySet()) {
            double[] got = result.sums().get(name);
            int len = got.length;
            for (int i = 0; i < len; i++) {
                double plain = 0;
                BigDecimal exact = BigDecimal.ZERO;
                double absSum = 0;
                for (String s : included) {
                    double v = inputs.get(s).get(name)[i];
                    plain += v;
                    absSum += Math.abs(v);
                    exact = exact.add(new BigDecimal(v));
                }
                String what = name + "[" + i + "] round " + result.round();
                FixedPointRingTest.assertWithinGuarantee(exact, got[i], included.size(), what);
                double tolerance = Math.abs(plain) >= 1e-7
                        ? 1e-12 * Math.abs(plain)
                        : included.size() * 0x1p-65 + 0x1p-53 * Math.abs(plain);
                // the plain double sum is itself off by up to n 2^-53 sum|x| where values cancel
                tolerance += included.size() * 0x1p-53 * absSum * (Math.abs(plain) < 1e-3 * absSum ? 1 : 0);
                assertEquals(plain, got[i], tolerance, what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 10})
    void unmaskedSumEqualsThePlainSumOverSeveralRounds(int n) {
        List<String> sites = Consortium.siteNames(n);
        Consortium c = new Consortium(SecAggConfig.of("job-sum-" + n, sites), n).setUp();
        for (int round = 1; round <= 3; round++) {
            Map<String, Map<String, double[]>> inputs = glmRound(sites, round, 100 + n);
            RoundSum sum = c.round(inputs);
            assertEquals(round, sum.round());
            assertSum(inputs, sites, sum);
        }
    }

    @Test
    void pairMasksPreparedAheadGiveTheSameExactSum() {
        // Some sites derive their pairwise mask keys early (as the agent does while the hub runs
        // the schema round), others when they first mask; the masks must still cancel.
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-prepared", sites), 14).setUp();
        c.clients.get("sitea").preparePairMasks();
        c.clients.get("sited").preparePairMasks();
        c.clients.get("sited").preparePairMasks(); // twice is harmless
        for (int round = 1; round <= 2; round++) {
            Map<String, Map<String, double[]>> inputs = glmRound(sites, round, 15);
            assertSum(inputs, sites, c.round(inputs));
        }
    }

    @Test
    void aSiteThatDropsAfterSendingIsStillInTheSumAndThenLeavesTheJob() {
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-drop-after", sites), 11).setUp();
        assertEquals(4, c.config.threshold());
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 5);
        assertSum(r1, sites, c.round(r1, Set.of(), Set.of("sitec")));
        assertEquals(List.of("sitea", "siteb", "sited", "sitee"), c.server.participants());
        Map<String, Map<String, double[]>> r2 = glmRound(sites, 2, 5);
        assertSum(r2, List.of("sitea", "siteb", "sited", "sitee"), c.round(r2));
    }

    @Test
    void aSiteThatDropsBeforeSendingLeavesTheSumOfTheOthers() {
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-drop-before", sites), 12).setUp();
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 6);
        List<String> four = List.of("sitea", "siteb", "sited", "sitee");
        assertSum(r1, four, c.round(r1, Set.of("sitec"), Set.of()));
        Map<String, Map<String, double[]>> r2 = glmRound(sites, 2, 6);
        assertSum(r2, four, c.round(r2));
        // the dropped site is out for good, even if it comes back
        MaskRequest stale = new MaskRequest("job-drop-before", 3, sites);
        SecAggException e = assertThrows(SecAggException.class,
                () -> c.clients.get("sitea").maskInput(stale, r2.get("sitea")));
        assertTrue(e.getMessage().contains("site sitec is not (or no longer) a participant"), e.getMessage());
    }

    @Test
    void dropoutsAcrossRoundsOfTenSites() {
        List<String> sites = Consortium.siteNames(10);
        Consortium c = new Consortium(SecAggConfig.of("job-ten", sites), 13).setUp();
        assertEquals(7, c.config.threshold());
        List<String> in = new ArrayList<>(sites);
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 7);
        in.removeAll(List.of("siteb", "siteh"));
        assertSum(r1, in, c.round(r1, Set.of("siteb", "siteh"), Set.of()));
        Map<String, Map<String, double[]>> r2 = glmRound(sites, 2, 7);
        // round 2 has no unmasking step, so there is nothing for sitej to ignore after sending
        assertSum(r2, in, c.round(r2, Set.of(), Set.of("sitej")));
        Map<String, Map<String, double[]>> r3 = glmRound(sites, 3, 7);
        assertSum(r3, in, c.round(r3));
    }

    @Test
    void onlyTheFirstMaskedRoundHasAnUnmaskingStep() {
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-one-unmask", sites), 17).setUp();
        for (int round = 1; round <= 4; round++) {
            Map<String, Map<String, double[]>> inputs = glmRound(sites, round, 11);
            for (Delivery<MaskRequest> d : c.server.startRound()) {
                c.server.acceptMaskedInput(c.clients.get(d.to()).maskInput(d.message(), inputs.get(d.to())));
            }
            List<Delivery<UnmaskRequest>> requests = c.server.requestUnmasking();
            assertEquals(round == 1 ? sites.size() : 0, requests.size(), "unmasking requests in round " + round);
            for (Delivery<UnmaskRequest> d : requests) {
                c.server.acceptUnmaskResponse(c.clients.get(d.to()).unmask(d.message()));
            }
            assertSum(inputs, sites, c.server.finishRound());
        }
        // a hub asking anyway is refused, and no share travels
        UnmaskRequest ask = new UnmaskRequest("job-one-unmask", 4, sites, List.of());
        SecAggException e = assertThrows(SecAggException.class, () -> c.clients.get("siteb").unmask(ask));
        assertTrue(e.getMessage().contains("so the round has no unmasking step"), e.getMessage());
    }

    @Test
    void laterRoundsCarryNoSelfMaskYetEachInputStaysUniform() {
        // After round 1 the hub holds every self-mask seed, so the sites leave the self mask out:
        // the masked inputs of round 2 add up (pairwise masks cancel) to exactly the encoded sum,
        // while each one alone is still hidden by its pairwise masks.
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-no-self-mask", sites), 19).setUp();
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 13);
        assertSum(r1, sites, c.round(r1));
        int len = 10_000;
        FixedPointRing ring = new FixedPointRing(sites.size());
        long[] maskedTotal = new long[2 * len];
        long[] plainTotal = new long[2 * len];
        long[] first = null;
        for (Delivery<MaskRequest> d : c.server.startRound()) {
            double[] x = new double[len];
            Arrays.fill(x, 1000.0 * (1 + sites.indexOf(d.to())));
            long[] y = c.clients.get(d.to()).maskInput(d.message(), Map.of("q", x)).quantities().get("q");
            first = first == null ? y : first;
            FixedPointRing.addInto(maskedTotal, y);
            FixedPointRing.addInto(plainTotal, ring.encode("q", x));
        }
        assertArrayEquals(plainTotal, maskedTotal);
        assertUniform(first, true);
    }

    @Test
    void afterAFirstRoundWithADropoutLaterRoundsNeedNoUnmaskingEither() {
        // round 1 recovers sitec's pairwise masks from its mask key; round 2 then runs without it
        // and without an unmasking step, and the hub refuses unmasking answers it did not ask for
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-drop-then-fast", sites), 18).setUp();
        List<String> four = List.of("sitea", "siteb", "sited", "sitee");
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 12);
        assertSum(r1, four, c.round(r1, Set.of("sitec"), Set.of()));
        Map<String, Map<String, double[]>> r2 = glmRound(sites, 2, 12);
        for (Delivery<MaskRequest> d : c.server.startRound()) {
            c.server.acceptMaskedInput(c.clients.get(d.to()).maskInput(d.message(), r2.get(d.to())));
        }
        assertEquals(List.of(), c.server.requestUnmasking());
        UnmaskResponse unasked = new UnmaskResponse("job-drop-then-fast", 2, "sitea", Map.of(), Map.of());
        SecAggException e = assertThrows(SecAggException.class, () -> c.server.acceptUnmaskResponse(unasked));
        assertTrue(e.getMessage().contains("has no unmasking step"), e.getMessage());
        assertSum(r2, four, c.server.finishRound());
    }

    @Test
    void tooFewMaskedInputsAbortsTheRoundCleanly() {
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-abort", sites), 14).setUp();
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 8);
        SecAggException e = assertThrows(SecAggException.class,
                () -> c.round(r1, Set.of("siteb", "sited"), Set.of()));
        assertEquals("secure aggregation aborted in round 1: 3 of 5 sites sent masked input, threshold 4",
                e.getMessage());
    }

    @Test
    void tooFewUnmaskingAnswersAbortsTheRoundCleanly() {
        List<String> sites = Consortium.siteNames(5);
        Consortium c = new Consortium(SecAggConfig.of("job-abort2", sites), 15).setUp();
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 9);
        SecAggException e = assertThrows(SecAggException.class,
                () -> c.round(r1, Set.of(), Set.of("sitea", "sitee")));
        assertEquals("secure aggregation aborted in round 1: 3 of 5 sites answered, threshold 4", e.getMessage());
    }

    @Test
    void aSurvivorThatDropsInALaterRoundCannotBeRecoveredSoTheRoundAborts() {
        // its self-mask seed was revealed in round 1; revealing its mask key too would expose round 1
        List<String> sites = Consortium.siteNames(5);
        SecAggConfig config = new SecAggConfig("job-later-drop", sites, 3);
        Consortium c = new Consortium(config, 16).setUp();
        Map<String, Map<String, double[]>> r1 = glmRound(sites, 1, 10);
        assertSum(r1, sites, c.round(r1));
        Map<String, Map<String, double[]>> r2 = glmRound(sites, 2, 10);
        SecAggException e = assertThrows(SecAggException.class, () -> c.round(r2, Set.of("sited"), Set.of()));
        assertTrue(e.getMessage().contains("site sited dropped, but its self-mask share was already revealed"),
                e.getMessage());
    }

    @Test
    void theHubsViewOfOneSiteIsUniformWhateverItsData() {
        List<String> sites = Consortium.siteNames(5);
        int len = 10_000;
        double[] zeros = new double[len];
        double[] large = new double[len];
        Arrays.fill(large, 9.1e17); // close to the per-site bound 2^62 / 5
        for (double[] data : List.of(zeros, large)) {
            Consortium c = new Consortium(SecAggConfig.of("job-view", sites), 17).setUp();
            MaskRequest request = c.server.startRound().get(0).message();
            long[] y = c.clients.get("sitea").maskInput(request, Map.of("q", data)).quantities().get("q");
            assertUniform(y, true);
            // the test has power: the same statistic on the unmasked encoding is far from uniform
            assertUniform(new FixedPointRing(5).encode("q", data), false);
        }
    }

    private static void assertUniform(long[] ring, boolean expectUniform) {
        int[] topBits = new int[8];
        int[] topByte = new int[256];
        int[] lowByte = new int[256];
        for (int i = 0; i < ring.length; i += 2) {
            topBits[(int) (ring[i] >>> 61)]++;
            topByte[(int) (ring[i] >>> 56)]++;
            lowByte[(int) (ring[i + 1] & 0xFF)]++;
        }
        double p = Math.min(MaskStreamTest.chiSquarePValue(topBits),
                Math.min(MaskStreamTest.chiSquarePValue(topByte), MaskStreamTest.chiSquarePValue(lowByte)));
        if (expectUniform) {
            assertTrue(p > 0.001, "chi-square p = " + p);
        } else {
            assertTrue(p < 1e-6, "chi-square p = " + p);
        }
    }
}
