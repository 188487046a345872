package org.medfed.methods.pca;

import java.util.ArrayList;
import java.util.List;
import org.medfed.formula.Formula;
import org.medfed.method.Quantity;
import org.medfed.methods.frame.FrameRound;

/**
 * The rounds of a PCA job and every quantity a site may release in them: after the schema round,
 * the number of complete rows and the column sums; then, around the global means, the centred
 * cross-products (the upper triangle, diagonal included, row by row). Shared by both halves.
 */
final class PcaSteps {
    static final String MOMENTS = "moments";
    static final String CROSS = "cross_products";

    static final String N = "n";
    static final String SUM = "sum";
    static final String CROSS_PRODUCTS = "centered_cross_products";

    /** Request parameter of the cross-products round: the global mean of each column. */
    static final String MEAN = "mean";

    private PcaSteps() {
    }

    /** The columns as a formula ({@code ~ `a` + `b`}): the schema round's complete rows are the rows PCA uses. */
    static Formula formula(List<String> columns) {
        List<String> terms = new ArrayList<>();
        for (String c : columns) {
            terms.add(FrameRound.quoted(c));
        }
        return Formula.parse("~ " + String.join(" + ", terms));
    }

    static List<Quantity> momentReleases(int columns) {
        return List.of(Quantity.sum(N, "number of rows complete in every column", 1),
                Quantity.sum(SUM, "per column: sum of the values over the complete rows", columns));
    }

    static List<Quantity> crossReleases(int columns) {
        return List.of(Quantity.sum(CROSS_PRODUCTS, "sums over the complete rows of (x_i - mean_i)(x_j - mean_j) "
                + "for i <= j (upper triangle, row by row) around the global means", packed(columns)));
    }

    /** Length of the packed upper triangle of a k × k matrix, diagonal included. */
    static int packed(int k) {
        return k * (k + 1) / 2;
    }
}
