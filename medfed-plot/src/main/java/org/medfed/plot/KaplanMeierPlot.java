package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Kaplan–Meier curves as R's {@code plot.survfit} draws them: one step function per stratum from
 * (0, 1), its pointwise confidence band shaded behind it, a "+" at each time with a censoring
 * ({@code mark.time = TRUE}) at the curve's height there, and under the x axis a numbers-at-risk
 * table: per stratum the rows still at risk at each tick of the time axis.
 *
 * @param title     e.g. "Kaplan–Meier: Surv(time, status) ~ sex"
 * @param subtitle  a second line (sites, n); null for none
 * @param timeLabel the x axis's label, e.g. "time"
 * @param curves    one per stratum, in the legend's order
 * @param confLevel the bands' level, e.g. 0.95
 * @param note      a line under the subtitle (e.g. a site's cut follow-up); null for none
 */
public record KaplanMeierPlot(String title, String subtitle, String timeLabel, List<Curve> curves, double confLevel,
                              String note) implements Plot {

    private static final int WIDTH = 960;
    private static final int CHART_HEIGHT = 640;
    private static final int ROW_HEIGHT = 24;
    private static final int TABLE_HEAD = 44;
    /** Colour-blind-safe (Okabe–Ito) after medfed's accent. */
    private static final Color[] COLORS = {PlotStyle.ACCENT, new Color(0xd5, 0x5e, 0x00), new Color(0x00, 0x9e, 0x73),
        new Color(0xcc, 0x79, 0xa7), new Color(0xe6, 0x9f, 0x00), new Color(0x56, 0xb4, 0xe9)};

    /**
     * One stratum's curve, with the arrays of its JSON (survfit's rows: one per time with an event
     * or a censoring). A confidence limit may be NaN (R's NA, where the curve is 0).
     */
    public record Curve(String name, List<Double> time, List<Double> nRisk, List<Double> nCensor, List<Double> surv,
                        List<Double> low, List<Double> high) {
        public Curve {
            Objects.requireNonNull(name, "name");
            time = List.copyOf(time);
            nRisk = List.copyOf(ForestPlot.sameSize("n_risk", nRisk, time.size()));
            nCensor = List.copyOf(ForestPlot.sameSize("n_censor", nCensor, time.size()));
            surv = List.copyOf(ForestPlot.sameSize("surv", surv, time.size()));
            low = List.copyOf(ForestPlot.sameSize("conf_low", low, time.size()));
            high = List.copyOf(ForestPlot.sameSize("conf_high", high, time.size()));
        }

        /** Rows at risk at time {@code t}: those whose time is at or after it (0 past the last). */
        public double atRisk(double t) {
            for (int i = 0; i < time.size(); i++) {
                if (time.get(i) >= t) {
                    return nRisk.get(i);
                }
            }
            return 0;
        }
    }

    public KaplanMeierPlot {
        Objects.requireNonNull(title, "title");
        curves = List.copyOf(curves);
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("a Kaplan-Meier plot needs at least one curve");
        }
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return CHART_HEIGHT + TABLE_HEAD + 2 * ROW_HEIGHT * curves.size() + 8;
    }

    /** The last time of any curve: the x axis's end. */
    double maxTime() {
        double max = 0;
        for (Curve c : curves) {
            for (double t : c.time()) {
                max = Math.max(max, t);
            }
        }
        return max;
    }

    @Override
    public void paint(Graphics2D g) {
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeriesCollection marks = new XYSeriesCollection();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        for (Curve c : curves) {
            XYSeries line = new XYSeries(c.name(), false, true);
            YIntervalSeries band = new YIntervalSeries(c.name() + " band", false, true);
            XYSeries censored = new XYSeries(c.name() + " censored", false, true);
            double s = 1;
            double lo = 1;
            double hi = 1;
            line.add(0, 1);
            band.add(0, 1, 1, 1);
            for (int i = 0; i < c.time().size(); i++) {
                double t = c.time().get(i);
                // A step: the old level up to t, then the new one from t.
                line.add(t, s);
                band.add(t, s, lo, hi);
                s = c.surv().get(i);
                if (Double.isFinite(c.low().get(i)) && Double.isFinite(c.high().get(i))) {
                    lo = c.low().get(i);
                    hi = c.high().get(i);
                }
                line.add(t, s);
                band.add(t, s, lo, hi);
                if (c.nCensor().get(i) > 0) {
                    censored.add(t, s);
                }
            }
            lines.addSeries(line);
            bands.addSeries(band);
            marks.addSeries(censored);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, timeLabel, "Survival probability", lines,
                PlotOrientation.VERTICAL, true, false, false);
        Charts.styled(chart, subtitle, note);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer stepRenderer = new XYLineAndShapeRenderer(true, false);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        Shape plus = plus(5);
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < curves.size(); i++) {
            Color color = COLORS[i % COLORS.length];
            stepRenderer.setSeriesPaint(i, color);
            stepRenderer.setSeriesStroke(i, PlotStyle.DATA_STROKE);
            bandRenderer.setSeriesFillPaint(i, color);
            bandRenderer.setSeriesPaint(i, color);
            markRenderer.setSeriesPaint(i, color);
            markRenderer.setSeriesShape(i, plus);
            markRenderer.setSeriesStroke(i, new BasicStroke(1.5f));
            markRenderer.setSeriesShapesFilled(i, false);
            legend.add(new LegendItem(curves.get(i).name(), null, null, null, new Rectangle2D.Double(-8, -2, 16, 4), color));
        }
        bandRenderer.setAlpha(0.15f);
        plot.setDataset(0, marks);
        plot.setRenderer(0, markRenderer);
        plot.setDataset(1, lines);
        plot.setRenderer(1, stepRenderer);
        plot.setDataset(2, bands);
        plot.setRenderer(2, bandRenderer);
        plot.setFixedLegendItems(legend);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(0, Math.max(1e-9, maxTime()) * 1.02);
        Charts.fixedAxis((NumberAxis) plot.getRangeAxis(), 1, 0.2);
        chart.getLegend().setItemFont(PlotStyle.font(PlotStyle.TICK_SIZE + 1));
        Charts.legendInside(chart, RectangleAnchor.TOP_RIGHT, 0.98, 0.98);
        chart.addSubtitle(new TextTitle(Numbers.percent(confLevel)
                + "% pointwise confidence bands (log); + censored", PlotStyle.font(PlotStyle.NOTE_SIZE),
                PlotStyle.SECONDARY_TEXT, RectangleEdge.BOTTOM, HorizontalAlignment.LEFT,
                VerticalAlignment.CENTER, new RectangleInsets(8, 0, 0, 0)));

        PlotStyle.hints(g);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, WIDTH, height()));
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, CHART_HEIGHT), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        atRiskTable(g, x, area);
    }

    /** The numbers at risk at each tick of the time axis, one row per curve, under the chart. */
    private void atRiskTable(Graphics2D g, NumberAxis x, Rectangle2D area) {
        List<Double> ticks = new ArrayList<>();
        for (Object o : x.refreshTicks(g, new AxisState(), area, RectangleEdge.BOTTOM)) {
            if (o instanceof NumberTick t && t.getTickType() == TickType.MAJOR && t.getValue() <= maxTime()) {
                ticks.add(t.getValue());
            }
        }
        Font head = PlotStyle.bold(PlotStyle.TICK_SIZE);
        Font cell = PlotStyle.font(PlotStyle.TICK_SIZE);
        double top = CHART_HEIGHT + 8;
        g.setFont(head);
        g.setColor(PlotStyle.TEXT);
        g.drawString("Number at risk", 20f, (float) (top + 16));
        g.setFont(cell);
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r < curves.size(); r++) {
            Curve c = curves.get(r);
            // Each stratum's name on its own line above its counts: names may be longer than the
            // margin left of the axis.
            float y = (float) (top + TABLE_HEAD + 2 * r * ROW_HEIGHT);
            g.setColor(COLORS[r % COLORS.length]);
            g.drawString(c.name(), 20f, y);
            y += ROW_HEIGHT;
            g.setColor(PlotStyle.TEXT);
            for (double t : ticks) {
                String n = String.valueOf((long) c.atRisk(t));
                float px = (float) x.valueToJava2D(t, area, RectangleEdge.BOTTOM);
                g.drawString(n, px - fm.stringWidth(n) / 2f, y);
            }
        }
    }

    /** R's censoring mark: a "+" of half-width {@code r}. */
    private static Shape plus(double r) {
        Path2D p = new Path2D.Double();
        p.moveTo(-r, 0);
        p.lineTo(r, 0);
        p.moveTo(0, -r);
        p.lineTo(0, r);
        return p;
    }
}
