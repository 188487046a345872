package org.medfed.plot;

import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.util.List;
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
 * A calibration plot: for each risk group (e.g. the Hosmer–Lemeshow deciles) the observed
 * proportion of events against the mean predicted probability, joined in group order, with the
 * 45° line of perfect calibration. Both axes share one range, starting at 0 and ending at a round
 * value just above the largest proportion, so the diagonal stays at 45°.
 *
 * @param title    e.g. "Calibration: low birth weight"
 * @param subtitle a second line (model, n); null for none
 * @param expected mean predicted probability per group, in [0, 1]
 * @param observed observed proportion of events per group, in [0, 1]
 * @param note     a line under the title such as the Hosmer–Lemeshow test; null for none
 */
public record CalibrationPlot(String title, String subtitle, List<Double> expected, List<Double> observed,
        String note) implements Plot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 860;

    public CalibrationPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(expected, "expected");
        if (expected.isEmpty()) {
            throw new IllegalArgumentException("a calibration plot needs at least one group");
        }
        expected = List.copyOf(expected);
        observed = List.copyOf(ForestPlot.sameSize("observed", observed, expected.size()));
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** The shared upper end of both axes: a round value just above every point, at most 1. */
    double axisMax() {
        double max = 0;
        for (int i = 0; i < expected.size(); i++) {
            max = Math.max(max, Math.max(expected.get(i), observed.get(i)));
        }
        double step = max > 0.3 ? 0.1 : max > 0.1 ? 0.05 : 0.01;
        return Math.min(1, Math.max(step, Math.ceil(max * 1.03 / step - 1e-9) * step));
    }

    @Override
    public void paint(Graphics2D g) {
        XYSeries groups = new XYSeries("Risk groups: observed vs predicted", false, true);
        for (int i = 0; i < expected.size(); i++) {
            groups.add(expected.get(i), observed.get(i));
        }
        double max = axisMax();
        XYSeries perfect = new XYSeries("Perfect calibration", false, true);
        perfect.add(0, 0);
        perfect.add(max, max);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(groups);
        data.addSeries(perfect);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "Predicted probability (group mean)",
                "Observed proportion of events", data, PlotOrientation.VERTICAL, true, false, false);
        Charts.styled(chart, subtitle, note);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, PlotStyle.ACCENT);
        renderer.setSeriesStroke(0, PlotStyle.DATA_STROKE);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setSeriesPaint(1, PlotStyle.REFERENCE);
        renderer.setSeriesStroke(1, PlotStyle.REFERENCE_STROKE);
        renderer.setSeriesShapesVisible(1, false);
        plot.setRenderer(renderer);
        double step = max > 0.5 ? 0.1 : max > 0.2 ? 0.05 : max > 0.05 ? 0.01 : 0.005;
        Charts.fixedAxis((NumberAxis) plot.getDomainAxis(), max, step);
        Charts.fixedAxis((NumberAxis) plot.getRangeAxis(), max, step);
        Charts.legendInside(chart, RectangleAnchor.TOP_LEFT, 0.02, 0.98);
        Charts.paint(chart, g, WIDTH, HEIGHT);
    }
}
