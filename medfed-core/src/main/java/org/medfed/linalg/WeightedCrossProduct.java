package org.medfed.linalg;

/**
 * {@code X'WX} and {@code X'Wv} for a column-major design ({@code x[j][i]}: column j, row i).
 *
 * <p>Why blocked: a naive loop over rows touching all p columns per row strides through p arrays
 * at once; a loop over column pairs streams every column p times through memory. Here rows are
 * processed in blocks small enough that the block of every column stays in L2 while all
 * p(p+1)/2 dot products over it are taken, so each column is read from memory once per pass.
 * Within a block the weighted column {@code w∘x_j} is formed once and dotted with columns k ≥ j
 * using four independent accumulators (Java will not reorder floating-point sums by itself).
 * Summing per block and then across blocks also keeps rounding error near that of pairwise
 * summation, which matters for detecting aliased columns in large data.
 */
public final class WeightedCrossProduct {
    /** Rows per block: 21 columns × 512 rows × 8 bytes ≈ 86 KB, well inside a 1–2 MB L2. */
    static final int BLOCK = 512;

    private WeightedCrossProduct() {
    }

    /**
     * Adds {@code X'WX} (full symmetric p×p, row-major) into {@code xtwx} and {@code X'Wv} into
     * {@code xtwv} (if non-null). Rows with {@code w[i] == 0} contribute nothing.
     *
     * @param x    columns, each of length n
     * @param w    row weights, length n
     * @param v    right-hand vector, length n, or null
     * @param xtwx output p*p, accumulated into
     * @param xtwv output p, accumulated into, or null
     */
    public static void accumulate(double[][] x, double[] w, double[] v, double[] xtwx, double[] xtwv) {
        int p = x.length;
        int n = w.length;
        double[] wx = new double[BLOCK];
        double[] blockSums = new double[p * p];
        double[] blockRhs = new double[p];
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            java.util.Arrays.fill(blockSums, 0.0);
            java.util.Arrays.fill(blockRhs, 0.0);
            for (int j = 0; j < p; j++) {
                double[] xj = x[j];
                for (int r = 0; r < len; r++) {
                    wx[r] = w[start + r] * xj[start + r];
                }
                int k = j;
                for (; k + 3 < p; k += 4) {
                    dot4(wx, x[k], x[k + 1], x[k + 2], x[k + 3], start, len, blockSums, j * p + k);
                }
                for (; k < p; k++) {
                    blockSums[j * p + k] = dot(wx, x[k], start, len);
                }
                if (v != null) {
                    blockRhs[j] = dot(wx, v, start, len);
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = j; k < p; k++) {
                    xtwx[j * p + k] += blockSums[j * p + k];
                }
                if (xtwv != null) {
                    xtwv[j] += blockRhs[j];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                xtwx[j * p + k] = xtwx[k * p + j];
            }
        }
    }

    /**
     * Four dot products of {@code a} with four columns at once: each {@code a[r]} is loaded once
     * for four multiply-adds, and the four sums are independent chains the CPU can overlap.
     * Written to {@code out[at..at+3]}.
     */
    static void dot4(double[] a, double[] b0, double[] b1, double[] b2, double[] b3, int offset, int len,
                     double[] out, int at) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int r = 0;
        for (; r + 1 < len; r += 2) {
            double ar = a[r];
            double ar1 = a[r + 1];
            int i = offset + r;
            s0 += ar * b0[i];
            s1 += ar * b1[i];
            s2 += ar * b2[i];
            s3 += ar * b3[i];
            t0 += ar1 * b0[i + 1];
            t1 += ar1 * b1[i + 1];
            t2 += ar1 * b2[i + 1];
            t3 += ar1 * b3[i + 1];
        }
        for (; r < len; r++) {
            double ar = a[r];
            int i = offset + r;
            s0 += ar * b0[i];
            s1 += ar * b1[i];
            s2 += ar * b2[i];
            s3 += ar * b3[i];
        }
        out[at] = s0 + t0;
        out[at + 1] = s1 + t1;
        out[at + 2] = s2 + t2;
        out[at + 3] = s3 + t3;
    }

    /** Σ a[r]·b[offset + r] for r in [0, len), with four accumulators. */
    static double dot(double[] a, double[] b, int offset, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int r = 0;
        for (; r + 3 < len; r += 4) {
            s0 += a[r] * b[offset + r];
            s1 += a[r + 1] * b[offset + r + 1];
            s2 += a[r + 2] * b[offset + r + 2];
            s3 += a[r + 3] * b[offset + r + 3];
        }
        for (; r < len; r++) {
            s0 += a[r] * b[offset + r];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
