package org.medfed.methods.pca;

import java.util.LinkedHashSet;
import java.util.List;
import org.medfed.error.UsageException;

/**
 * A PCA job as the analyst states it; serializes to JSON so that it can be sent to a hub.
 *
 * @param columns the numeric columns, in output order (at least two); rows with a missing value in
 *                any of them are left out (as {@code prcomp} on {@code na.omit} rows)
 * @param scale   true: components of the correlation matrix (variables scaled to unit variance,
 *                {@code prcomp(scale. = TRUE)}); false: of the covariance matrix
 * @param k       number of components whose loadings are reported (null: all); standard deviations
 *                and proportions of variance are always given for every component, as {@code prcomp}
 *                with {@code rank.} does
 */
public record PcaParameters(List<String> columns, boolean scale, Integer k) {

    public PcaParameters {
        if (columns == null || columns.size() < 2) {
            throw new UsageException("pca: name at least two numeric columns (--columns a,b)");
        }
        List<String> names = List.copyOf(columns);
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new UsageException("pca: a column is named twice in " + names);
        }
        columns = names;
        if (k != null && (k < 1 || k > names.size())) {
            throw new UsageException("pca: --k must be between 1 and the number of columns (" + names.size() + "), got " + k);
        }
    }

    /** PCA of the correlation matrix of {@code columns}, every component reported. */
    public static PcaParameters scaled(String... columns) {
        return new PcaParameters(List.of(columns), true, null);
    }

    /** PCA of the covariance matrix of {@code columns}, every component reported. */
    public static PcaParameters unscaled(String... columns) {
        return new PcaParameters(List.of(columns), false, null);
    }

    /** These parameters reporting the loadings of the first {@code components} only. */
    public PcaParameters withK(int components) {
        return new PcaParameters(columns, scale, components);
    }

    /** Number of components whose loadings are reported. */
    int reported() {
        return k == null ? columns.size() : k;
    }
}
