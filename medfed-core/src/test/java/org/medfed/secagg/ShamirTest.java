package org.medfed.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShamirTest {

    @Test
    void theFieldIsPrimeAndHoldsEvery32ByteSecret() {
        assertTrue(Shamir.PRIME.isProbablePrime(128));
        assertTrue(Shamir.PRIME.compareTo(BigInteger.ONE.shiftLeft(256)) > 0);
    }

    @Test
    void weightsComputedOnceReconstructEverySecretOfTheSameSites() {
        SecureRandom random = Consortium.seeded(77);
        int n = 10;
        int t = 7;
        int[] xs = {2, 3, 5, 6, 8, 9, 10};
        BigInteger[] weights = Shamir.weightsAtZero(xs);
        for (int k = 0; k < 10; k++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            List<ShamirShare> shares = Shamir.split(secret, n, t, random);
            List<ShamirShare> held = new ArrayList<>();
            for (int x : xs) {
                held.add(shares.get(x - 1));
            }
            assertArrayEquals(secret, Shamir.combine(weights, held));
            assertArrayEquals(secret, Shamir.combine(held, t));
        }
        assertThrows(SecAggException.class, () -> Shamir.weightsAtZero(new int[] {1, 2, 2}));
    }

    @ParameterizedTest
    @CsvSource({"2,2", "3,2", "3,3", "5,3", "5,4", "7,7", "10,7"})
    void everyTSubsetReconstructsAndNoTMinusOneSubsetDoes(int n, int t) {
        SecureRandom random = Consortium.seeded(31L * n + t);
        for (int trial = 0; trial < 3; trial++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            if (trial == 1) {
                secret = new byte[32]; // all zero
            } else if (trial == 2) {
                java.util.Arrays.fill(secret, (byte) 0xFF);
            }
            List<ShamirShare> shares = Shamir.split(secret, n, t, random);
            for (List<ShamirShare> subset : subsets(shares, t)) {
                assertArrayEquals(secret, Shamir.combine(subset, t));
            }
            BigInteger s = new BigInteger(1, secret);
            for (List<ShamirShare> subset : subsets(shares, t - 1)) {
                if (!subset.isEmpty()) {
                    assertNotEquals(s, Shamir.interpolateAtZero(subset));
                }
                assertThrows(SecAggException.class, () -> Shamir.combine(subset, t));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"5,3", "10,7", "20,11"})
    void randomLargerSubsetsReconstruct(int n, int t) {
        SecureRandom random = Consortium.seeded(n * 100L + t);
        Random pick = new Random(n);
        for (int trial = 0; trial < 20; trial++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            List<ShamirShare> shares = new ArrayList<>(Shamir.split(secret, n, t, random));
            Collections.shuffle(shares, pick);
            int k = t + pick.nextInt(n - t + 1);
            assertArrayEquals(secret, Shamir.combine(shares.subList(0, k), t));
        }
    }

    @Test
    void repeatedXIsRefused() {
        List<ShamirShare> shares = Shamir.split(new byte[32], 3, 2, Consortium.seeded(1));
        assertThrows(SecAggException.class, () -> Shamir.combine(List.of(shares.get(0), shares.get(0)), 2));
    }

    private static List<List<ShamirShare>> subsets(List<ShamirShare> all, int k) {
        List<List<ShamirShare>> out = new ArrayList<>();
        collect(all, k, 0, new ArrayList<>(), out);
        return out;
    }

    private static void collect(List<ShamirShare> all, int k, int from, List<ShamirShare> cur,
            List<List<ShamirShare>> out) {
        if (cur.size() == k) {
            out.add(new ArrayList<>(cur));
            return;
        }
        for (int i = from; i < all.size(); i++) {
            cur.add(all.get(i));
            collect(all, k, i + 1, cur, out);
            cur.remove(cur.size() - 1);
        }
    }
}
