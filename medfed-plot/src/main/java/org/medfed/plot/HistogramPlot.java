package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * A histogram from bin edges and counts, as a federated summary releases them. Each bar spans its
 * own edges; when bins differ in width the bars' areas, not heights, are the counts (as R's
 * {@code hist} does), so heights become counts per unit of the variable and the y axis says so.
 * A bin whose count was suppressed (below a site's minimum cell size) is drawn as a grey band the
 * height of the plot, marked in the legend as withheld, never as a bar of some height.
 *
 * @param title           e.g. "Age at diagnosis"
 * @param subtitle        a second line (n, sites, suppression rule); null for none
 * @param valueLabel      the x axis: the variable and its unit, e.g. "Age (years)"
 * @param countLabel      what is counted, for the y axis, e.g. "Patients"; null for "Count"
 * @param breaks          bin edges, k + 1 finite increasing values
 * @param counts          k counts; null for a suppressed bin
 * @param suppressedLabel the legend's words for suppressed bins; null for a default
 * @param note            a line under the subtitle, e.g. rows outside the plotted range; null for none
 */
public record HistogramPlot(String title, String subtitle, String valueLabel, String countLabel,
        List<Double> breaks, List<Double> counts, String suppressedLabel, String note) implements Plot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    /** About the width of a tick label's character plus the gap between labels, in pixels. */
    private static final int TICK_CHAR_WIDTH = 10;
    /** About the width of the data area, in pixels. */
    private static final int DATA_WIDTH = 840;

    public HistogramPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(valueLabel, "valueLabel");
        Objects.requireNonNull(breaks, "breaks");
        Objects.requireNonNull(counts, "counts");
        breaks = List.copyOf(breaks);
        if (counts.isEmpty() || breaks.size() != counts.size() + 1) {
            throw new IllegalArgumentException("a histogram needs k >= 1 counts and k + 1 breaks, got "
                    + counts.size() + " counts and " + breaks.size() + " breaks");
        }
        for (int i = 0; i < breaks.size(); i++) {
            if (!Double.isFinite(breaks.get(i)) || i > 0 && !(breaks.get(i) > breaks.get(i - 1))) {
                throw new IllegalArgumentException("histogram breaks must be finite and increasing: " + breaks);
            }
        }
        counts = Collections.unmodifiableList(new ArrayList<>(counts)); // null = suppressed
    }

    /** A histogram without a note line. */
    public HistogramPlot(String title, String subtitle, String valueLabel, String countLabel, List<Double> breaks,
            List<Double> counts, String suppressedLabel) {
        this(title, subtitle, valueLabel, countLabel, breaks, counts, suppressedLabel, null);
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    /** Whether every bin has the same width, so that bar heights can be the counts themselves. */
    boolean equalWidths() {
        double first = breaks.get(1) - breaks.get(0);
        for (int i = 1; i < counts.size(); i++) {
            if (Math.abs(breaks.get(i + 1) - breaks.get(i) - first) > 1e-9 * Math.abs(first)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a label at every break leaves room between the labels. */
    private boolean breaksFitAsTicks(DecimalFormat format) {
        int longest = 0;
        for (double b : breaks) {
            longest = Math.max(longest, format.format(b).length());
        }
        return breaks.size() * (longest + 2) * TICK_CHAR_WIDTH <= DATA_WIDTH;
    }

    private boolean anySuppressed() {
        return counts.contains(null);
    }

    @Override
    public void paint(Graphics2D g) {
        boolean equal = equalWidths();
        String counted = countLabel == null ? "Count" : countLabel;
        XYIntervalSeries bars = new XYIntervalSeries(counted);
        for (int i = 0; i < counts.size(); i++) {
            Double c = counts.get(i);
            if (c != null) {
                double lo = breaks.get(i);
                double hi = breaks.get(i + 1);
                double height = equal ? c : c / (hi - lo);
                bars.add((lo + hi) / 2, lo, hi, height, height, height);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bars);
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        valueAxis.setAutoRangeIncludesZero(false);
        valueAxis.setRange(breaks.get(0), breaks.get(breaks.size() - 1));
        DecimalFormat breakFormat = new DecimalFormat("#,##0.######", DecimalFormatSymbols.getInstance(Locale.ROOT));
        breakFormat.setNegativePrefix(Numbers.MINUS); // a typographic minus, as on the other plots
        if (equal && breaksFitAsTicks(breakFormat)) {
            // A tick on every break (pretty() breaks are multiples of the width): a reader sees each bin's edges.
            valueAxis.setTickUnit(new NumberTickUnit(breaks.get(1) - breaks.get(0), breakFormat));
        }
        NumberAxis countAxis = new NumberAxis(equal ? counted : counted + " per unit of " + valueLabel);
        if (equal) {
            countAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        countAxis.setAutoRangeIncludesZero(true);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        XYPlot plot = new XYPlot(data, valueAxis, countAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, PlotStyle.bold(PlotStyle.TITLE_SIZE), plot, anySuppressed());
        Charts.styled(chart, subtitle, note);
        renderer.setSeriesPaint(0, PlotStyle.ACCENT_LIGHT);
        renderer.setSeriesOutlinePaint(0, PlotStyle.ACCENT);
        renderer.setSeriesOutlineStroke(0, new BasicStroke(1f));
        if (anySuppressed()) {
            String label = suppressedLabel == null ? "Suppressed bin (count withheld)" : suppressedLabel;
            for (int i = 0; i < counts.size(); i++) {
                if (counts.get(i) == null) {
                    IntervalMarker band = new IntervalMarker(breaks.get(i), breaks.get(i + 1));
                    band.setPaint(PlotStyle.SUPPRESSED);
                    band.setAlpha(1f);
                    plot.addDomainMarker(0, band, Layer.BACKGROUND);
                }
            }
            LegendItemCollection legend = new LegendItemCollection();
            Rectangle2D square = new Rectangle2D.Double(-7, -7, 14, 14);
            legend.add(new LegendItem(counted, null, null, null, square,
                    PlotStyle.ACCENT_LIGHT, new BasicStroke(1f), PlotStyle.ACCENT));
            legend.add(new LegendItem(label, null, null, null, square, PlotStyle.SUPPRESSED, new BasicStroke(1f),
                    Color.GRAY));
            plot.setFixedLegendItems(legend);
            Charts.legendBelow(chart);
        }
        Charts.paint(chart, g, WIDTH, HEIGHT);
    }
}
