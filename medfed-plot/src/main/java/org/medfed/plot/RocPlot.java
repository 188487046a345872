package org.medfed.plot;

import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A receiver operating characteristic curve: sensitivity against 1 − specificity through the
 * given points, in the given order, the diagonal of a test no better than chance, and the area
 * under the curve with its confidence interval in the legend.
 *
 * @param title     e.g. "ROC curve: low birth weight"
 * @param subtitle  a second line (model, n); null for none
 * @param fpr       false-positive rates (1 − specificity), one per point, in [0, 1]
 * @param tpr       true-positive rates (sensitivity), one per point, in [0, 1]
 * @param auc       the area under the curve; null to leave it out
 * @param aucLow    lower end of its confidence interval; null for none
 * @param aucHigh   upper end of its confidence interval; null for none
 * @param confLevel the interval's level, e.g. 0.95
 * @param aucMethod how the interval was computed, e.g. "DeLong"; null to leave it out
 * @param note      a line under the subtitle, e.g. the numbers of cases and controls; null for none
 */
public record RocPlot(String title, String subtitle, List<Double> fpr, List<Double> tpr, Double auc,
        Double aucLow, Double aucHigh, double confLevel, String aucMethod, String note) implements Plot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 860;

    public RocPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fpr, "fpr");
        if (fpr.isEmpty()) {
            throw new IllegalArgumentException("a ROC curve needs at least one point");
        }
        fpr = List.copyOf(fpr);
        tpr = List.copyOf(ForestPlot.sameSize("tpr", tpr, fpr.size()));
    }

    /** A ROC curve without a note line. */
    public RocPlot(String title, String subtitle, List<Double> fpr, List<Double> tpr, Double auc, Double aucLow,
            Double aucHigh, double confLevel, String aucMethod) {
        this(title, subtitle, fpr, tpr, auc, aucLow, aucHigh, confLevel, aucMethod, null);
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** The legend's words for the curve: "ROC curve, AUC 0.746 (95% CI 0.675–0.816, DeLong)". */
    String curveLabel() {
        if (auc == null) {
            return "ROC curve";
        }
        StringBuilder s = new StringBuilder("ROC curve, AUC ").append(String.format(Locale.ROOT, "%.3f", auc));
        boolean interval = aucLow != null && aucHigh != null;
        if (interval || aucMethod != null) {
            s.append(" (");
            if (interval) {
                s.append(Numbers.percent(confLevel)).append("% CI ")
                        .append(String.format(Locale.ROOT, "%.3f\u2013%.3f", aucLow, aucHigh));
            }
            if (aucMethod != null) {
                s.append(interval ? ", " : "").append(aucMethod);
            }
            s.append(')');
        }
        return s.toString();
    }

    @Override
    public void paint(Graphics2D g) {
        XYSeries curve = new XYSeries(curveLabel(), false, true);
        for (int i = 0; i < fpr.size(); i++) {
            curve.add(fpr.get(i), tpr.get(i));
        }
        XYSeries chance = new XYSeries("Chance (AUC 0.5)", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(chance);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "1 \u2212 Specificity (false-positive rate)",
                "Sensitivity (true-positive rate)", data, PlotOrientation.VERTICAL, true, false, false);
        Charts.styled(chart, subtitle, note);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, PlotStyle.ACCENT);
        renderer.setSeriesStroke(0, PlotStyle.DATA_STROKE);
        renderer.setSeriesPaint(1, PlotStyle.REFERENCE);
        renderer.setSeriesStroke(1, PlotStyle.REFERENCE_STROKE);
        plot.setRenderer(renderer);
        Charts.fixedAxis((NumberAxis) plot.getDomainAxis(), 1, 0.2);
        Charts.fixedAxis((NumberAxis) plot.getRangeAxis(), 1, 0.2);
        Charts.legendInside(chart, RectangleAnchor.BOTTOM_RIGHT, 0.98, 0.02);
        Charts.paint(chart, g, WIDTH, HEIGHT);
    }
}
