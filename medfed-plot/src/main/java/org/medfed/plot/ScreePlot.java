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
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A scree plot: each principal component's share of the total variance as a bar, labelled in
 * percent, with the cumulative share as a line over the bars, components in order on the x axis.
 * The y axis runs from 0 to 1 (all the variance), so plots of different analyses compare at a glance.
 *
 * @param title      e.g. "Variance explained by each component"
 * @param subtitle   a second line (columns, n); null for none
 * @param components the components' names, in order (PC1, PC2, ...)
 * @param proportion each component's proportion of the total variance, in [0, 1]
 * @param note       a line under the subtitle; null for none
 */
public record ScreePlot(String title, String subtitle, List<String> components, List<Double> proportion, String note)
        implements Plot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final double BAR_HALF_WIDTH = 0.35;

    public ScreePlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(components, "components");
        if (components.isEmpty()) {
            throw new IllegalArgumentException("a scree plot needs at least one component");
        }
        components = List.copyOf(components);
        proportion = List.copyOf(ForestPlot.sameSize("proportion", proportion, components.size()));
        for (double p : proportion) {
            if (!(p >= 0 && p <= 1 + 1e-9)) {
                throw new IllegalArgumentException("proportions of variance must lie in [0, 1]: " + proportion);
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

    /** The running sum of the proportions, the last one 1 up to rounding. */
    List<Double> cumulative() {
        Double[] c = new Double[proportion.size()];
        double sum = 0;
        for (int j = 0; j < c.length; j++) {
            sum += proportion.get(j);
            c[j] = sum;
        }
        return List.of(c);
    }

    @Override
    public void paint(Graphics2D g) {
        XYIntervalSeries bars = new XYIntervalSeries("Proportion of variance");
        XYSeries line = new XYSeries("Cumulative proportion", false, true);
        List<Double> cumulative = cumulative();
        for (int j = 0; j < components.size(); j++) {
            double p = proportion.get(j);
            bars.add(j, j - BAR_HALF_WIDTH, j + BAR_HALF_WIDTH, p, p, p);
            line.add(j, cumulative.get(j));
        }
        XYIntervalSeriesCollection barData = new XYIntervalSeriesCollection();
        barData.addSeries(bars);
        XYSeriesCollection lineData = new XYSeriesCollection();
        lineData.addSeries(line);

        SymbolAxis componentAxis = new SymbolAxis("Component", components.toArray(String[]::new));
        componentAxis.setGridBandsVisible(false);
        componentAxis.setRange(-0.6, components.size() - 0.4);
        NumberAxis shareAxis = new NumberAxis("Proportion of variance");
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(true);
        DecimalFormat percent = new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(Locale.ROOT));
        barRenderer.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator("{2}",
                new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT)), percent));
        barRenderer.setDefaultItemLabelsVisible(true);
        barRenderer.setDefaultItemLabelFont(PlotStyle.font(PlotStyle.TICK_SIZE));
        barRenderer.setDefaultItemLabelPaint(PlotStyle.TEXT);
        // Inside the top of the bar, clear of the cumulative line's dot there (the first dot sits on
        // the first bar); above it where the bar is too short for the label.
        barRenderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.INSIDE12, TextAnchor.TOP_CENTER));
        barRenderer.setPositiveItemLabelPositionFallback(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        barRenderer.setItemLabelAnchorOffset(9);
        XYPlot plot = new XYPlot(barData, componentAxis, shareAxis, barRenderer);
        plot.setDataset(1, lineData);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(1, lineRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD); // the line over the bars
        plot.setDomainGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(title, PlotStyle.bold(PlotStyle.TITLE_SIZE), plot, true);
        Charts.styled(chart, subtitle, note);
        barRenderer.setSeriesPaint(0, PlotStyle.ACCENT_LIGHT);
        barRenderer.setSeriesOutlinePaint(0, PlotStyle.ACCENT);
        barRenderer.setSeriesOutlineStroke(0, new BasicStroke(1f));
        lineRenderer.setSeriesPaint(0, PlotStyle.ACCENT);
        lineRenderer.setSeriesStroke(0, PlotStyle.DATA_STROKE);
        lineRenderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        // Room above a full-height bar for its label; ticks at tenths.
        Charts.fixedAxis(shareAxis, 1.08, 0.1);
        Charts.legendInside(chart, RectangleAnchor.RIGHT, 0.98, 0.5);
        Charts.paint(chart, g, WIDTH, HEIGHT);
    }
}
