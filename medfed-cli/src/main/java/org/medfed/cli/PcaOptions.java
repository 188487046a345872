package org.medfed.cli;

import java.util.ArrayList;
import java.util.List;
import org.medfed.methods.pca.PcaParameters;
import picocli.CommandLine.Option;

/** The options of a PCA job, shared by {@code simulate pca} and {@code run pca}. */
final class PcaOptions {
    @Option(names = "--columns", required = true, split = ",", paramLabel = "COLUMN",
            description = "Numeric columns to analyse, comma-separated (at least two); rows missing any of them are left out.")
    List<String> columns = new ArrayList<>();

    @Option(names = "--scale",
            description = "Scale every column to unit variance first: components of the correlation matrix "
                    + "(prcomp's scale. = TRUE). Default: components of the covariance matrix.")
    boolean scale;

    @Option(names = "--k", paramLabel = "K",
            description = "Report the loadings of the first K components only (standard deviations and proportions "
                    + "of variance are given for all). Default: all.")
    Integer k;

    PcaParameters parameters() {
        return new PcaParameters(columns.stream().map(String::trim).toList(), scale, k);
    }
}
