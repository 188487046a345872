package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A loadings plot of two principal components: each variable is a line from the origin to its
 * pair of loadings, ending in a dot labelled with its name, so variables that move together point
 * the same way. Both axes share one range, symmetric about 0, so angles and lengths read true.
 *
 * @param title     e.g. "Loadings on the first two components"
 * @param subtitle  a second line (columns, n); null for none
 * @param variables the variables' names
 * @param x         each variable's loading on the first component drawn (x axis)
 * @param y         each variable's loading on the second component drawn (y axis)
 * @param xLabel    the x axis, e.g. "PC1 (62.0% of variance)"
 * @param yLabel    the y axis
 * @param note      a line under the subtitle (e.g. the sign convention); null for none
 */
public record LoadingsPlot(String title, String subtitle, List<String> variables, List<Double> x, List<Double> y,
        String xLabel, String yLabel, String note) implements Plot {

    private static final int WIDTH = 820;
    private static final int HEIGHT = 860;

    public LoadingsPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("a loadings plot needs at least one variable");
        }
        variables = List.copyOf(variables);
        x = List.copyOf(ForestPlot.sameSize("x", x, variables.size()));
        y = List.copyOf(ForestPlot.sameSize("y", y, variables.size()));
        for (int i = 0; i < variables.size(); i++) {
            if (!Double.isFinite(x.get(i)) || !Double.isFinite(y.get(i))) {
                throw new IllegalArgumentException("loadings must be finite: " + variables.get(i));
            }
        }
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** Half the shared axis range: a tenth above the longest loading plus room for the labels. */
    double axisLimit() {
        double max = 0;
        for (int i = 0; i < variables.size(); i++) {
            max = Math.max(max, Math.max(Math.abs(x.get(i)), Math.abs(y.get(i))));
        }
        return Math.max(0.1, Math.ceil(max * 1.25 * 10 - 1e-9) / 10);
    }

    @Override
    public void paint(Graphics2D g) {
        XYSeries ends = new XYSeries("Loadings", false, true);
        for (int i = 0; i < variables.size(); i++) {
            ends.add(x.get(i), y.get(i));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ends);
        NumberAxis xAxis = new NumberAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        JFreeChart chart = new JFreeChart(title, PlotStyle.bold(PlotStyle.TITLE_SIZE), plot, false);
        Charts.styled(chart, subtitle, note);
        renderer.setSeriesPaint(0, PlotStyle.ACCENT);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));

        double limit = axisLimit();
        double step = limit > 0.5 ? 0.2 : limit > 0.2 ? 0.1 : 0.05;
        DecimalFormat format = new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setNegativePrefix(Numbers.MINUS); // a typographic minus, as on the other plots
        for (NumberAxis axis : new NumberAxis[] {xAxis, yAxis}) {
            axis.setRange(-limit, limit);
            axis.setTickUnit(new NumberTickUnit(step, format));
        }
        for (boolean vertical : new boolean[] {true, false}) {
            ValueMarker zero = new ValueMarker(0, PlotStyle.REFERENCE, PlotStyle.REFERENCE_STROKE);
            if (vertical) {
                plot.addDomainMarker(zero);
            } else {
                plot.addRangeMarker(zero);
            }
        }
        BasicStroke stroke = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        double gap = limit * 0.03;
        for (int i = 0; i < variables.size(); i++) {
            double lx = x.get(i);
            double ly = y.get(i);
            plot.addAnnotation(new XYLineAnnotation(0, 0, lx, ly, stroke, PlotStyle.ACCENT_LIGHT));
            // The label beyond the dot, on the side away from the origin.
            double length = Math.hypot(lx, ly);
            double ux = length == 0 ? 1 : lx / length;
            double uy = length == 0 ? 0 : ly / length;
            XYTextAnnotation label = new XYTextAnnotation(variables.get(i), lx + gap * ux, ly + gap * uy);
            label.setFont(PlotStyle.font(PlotStyle.LABEL_SIZE));
            label.setPaint(PlotStyle.TEXT);
            label.setTextAnchor(anchor(ux, uy));
            plot.addAnnotation(label);
        }
        Charts.paint(chart, g, WIDTH, HEIGHT);
    }

    /** Which point of the label sits at the dot: the one facing the origin. */
    private static TextAnchor anchor(double ux, double uy) {
        boolean horizontal = Math.abs(ux) >= Math.abs(uy);
        if (horizontal) {
            return ux >= 0 ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
        }
        return uy >= 0 ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
    }
}
