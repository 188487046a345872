package org.medfed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.medfed.error.MedfedException;
import org.medfed.plot.PlotFiles;
import picocli.CommandLine.Option;

/**
 * {@code --plot DIR}: the result's figures as PNG and SVG files. A command offers it with
 * {@code @Mixin PlotOptions plot = new PlotOptions();} and passes {@code plot} to
 * {@link SimulateOptions#run(org.medfed.method.MethodDefinition, Object, PlotOptions)},
 * {@link RunOptions#submit(org.medfed.methods.Invocation, PlotOptions)} or
 * {@link JobOutput#print(org.medfed.transport.proto.JobRecord, OutputOptions, PlotOptions)}; which
 * figures a result yields is decided from its JSON by {@link ResultPlots}.
 */
final class PlotOptions {
    /** For commands without {@code --plot}. */
    static final PlotOptions NONE = new PlotOptions();

    @Option(names = "--plot", paramLabel = "DIR", description = "Also draw the result's figures into DIR "
            + "(created if needed) as PNG and SVG files: a forest plot of the coefficients, with --evaluate a ROC curve and "
            + "a calibration plot, a histogram of each numeric column of a summary, Kaplan-Meier curves with "
            + "confidence bands and a numbers-at-risk table for km, a scree plot and a loadings plot for pca, a forest "
            + "plot per non-reference level for multinom, and of the posterior means for bayes-logistic.")
    Path dir;

    /** Refuses a folder that cannot be written before any analysis runs, so a typo costs nothing. */
    void prepare() {
        if (dir == null) {
            return;
        }
        try {
            PlotFiles.prepare(dir);
        } catch (IOException e) {
            throw new MedfedException("--plot: " + e.getMessage(), e);
        }
    }

    /** Draws every figure {@code result} supports into the folder and names the files on stderr. */
    void write(ObjectNode result) {
        if (dir == null) {
            return;
        }
        List<ResultPlots.Figure> figures = ResultPlots.of(result);
        if (figures.isEmpty()) {
            System.err.println("medfed: --plot: this result has no figures to draw");
            return;
        }
        try {
            for (ResultPlots.Figure figure : figures) {
                List<Path> files = PlotFiles.write(figure.plot(), dir, figure.name());
                System.err.println("medfed: " + figure.what() + ": " + files.get(0) + ", " + files.get(1));
            }
        } catch (IOException e) {
            throw new MedfedException("--plot: " + e.getMessage(), e);
        }
    }
}
