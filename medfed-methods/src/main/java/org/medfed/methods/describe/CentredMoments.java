package org.medfed.methods.describe;

import java.util.ArrayList;
import java.util.List;
import org.medfed.formula.Formula;
import org.medfed.method.Quantity;
import org.medfed.methods.frame.FrameRound;

/**
 * The two-pass protocol for the moments of numeric columns over the rows complete in all of them
 * (correlation, PCA): the rounds and every quantity a site may release in them. After the schema
 * round, the number of complete rows and the column sums; then, around the global means, the
 * centred cross-products (the upper triangle, diagonal included, row by row) — never
 * Σxy − n·x̄ȳ, which loses digits when a mean is large against the spread. Shared by both halves
 * ({@link CentredMomentsSite}, {@link CentredMomentsHub}).
 */
public final class CentredMoments {
    public static final String MOMENTS = "moments";
    public static final String CROSS = "cross_products";

    public static final String N = "n";
    public static final String SUM = "sum";
    public static final String CROSS_PRODUCTS = "centered_cross_products";

    /** Request parameter of the cross-products round: the global mean of each column. */
    public static final String MEAN = "mean";

    private CentredMoments() {
    }

    /** The columns as a formula ({@code ~ `a` + `b`}): the schema round's complete rows are R's complete.obs. */
    public static Formula formula(List<String> columns) {
        List<String> terms = new ArrayList<>();
        for (String c : columns) {
            terms.add(FrameRound.quoted(c));
        }
        return Formula.parse("~ " + String.join(" + ", terms));
    }

    public static List<Quantity> momentReleases(int columns) {
        return List.of(Quantity.sum(N, "number of rows complete in every column", 1),
                Quantity.sum(SUM, "per column: sum of the values (clipped where the method clips) over the complete rows", columns));
    }

    public static List<Quantity> crossReleases(int columns) {
        return List.of(Quantity.sum(CROSS_PRODUCTS, "sums over the complete rows of (x_i - mean_i)(x_j - mean_j) "
                + "for i <= j (upper triangle, row by row) around the global means", packed(columns)));
    }

    /** Length of the packed upper triangle of a k × k matrix, diagonal included. */
    public static int packed(int k) {
        return k * (k + 1) / 2;
    }
}
