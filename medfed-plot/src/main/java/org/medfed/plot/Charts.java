package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * JFreeChart in medfed's look ({@link PlotStyle}): white, light grid, no outline or shadow, a left
 * aligned title with a grey subtitle, and the legend inside the plot where the data leave room.
 */
final class Charts {
    static {
        // JFreeChart draws rotated labels (the y axis's) as glyph outlines by default, a workaround
        // for old JDKs; then the SVG would hold shapes instead of text that can be edited or searched.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /**
     * Applies medfed's theme, the subtitle lines (nulls skipped) and the axes' fonts and strokes.
     * The theme resets renderers' colours: set series paints after this.
     */
    static JFreeChart styled(JFreeChart chart, String... subtitles) {
        StandardChartTheme theme = new StandardChartTheme("medfed");
        theme.setExtraLargeFont(PlotStyle.bold(PlotStyle.TITLE_SIZE));
        theme.setLargeFont(PlotStyle.font(PlotStyle.LABEL_SIZE));
        theme.setRegularFont(PlotStyle.font(PlotStyle.TICK_SIZE));
        theme.setSmallFont(PlotStyle.font(PlotStyle.NOTE_SIZE));
        theme.setTitlePaint(PlotStyle.TEXT);
        theme.setSubtitlePaint(PlotStyle.SECONDARY_TEXT);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setPlotOutlinePaint(Color.WHITE);
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setLegendItemPaint(PlotStyle.TEXT);
        theme.setDomainGridlinePaint(PlotStyle.GRID);
        theme.setRangeGridlinePaint(PlotStyle.GRID);
        theme.setAxisLabelPaint(PlotStyle.TEXT);
        theme.setTickLabelPaint(PlotStyle.TEXT);
        theme.setAxisOffset(new RectangleInsets(0, 0, 0, 0));
        theme.setShadowVisible(false);
        theme.setXYBarPainter(new StandardXYBarPainter());
        theme.apply(chart);

        chart.setPadding(new RectangleInsets(20, 20, 16, 28));
        chart.getTitle().setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.getTitle().setPadding(new RectangleInsets(0, 0, 4, 0));
        int position = 0;
        for (String line : subtitles) {
            if (line == null) {
                continue;
            }
            TextTitle sub = new TextTitle(line, PlotStyle.font(PlotStyle.SUBTITLE_SIZE));
            sub.setPaint(PlotStyle.SECONDARY_TEXT);
            sub.setHorizontalAlignment(HorizontalAlignment.LEFT);
            sub.setPadding(new RectangleInsets(0, 0, 4, 0));
            chart.addSubtitle(position++, sub);
        }
        if (position > 0) {
            ((TextTitle) chart.getSubtitle(position - 1)).setPadding(new RectangleInsets(0, 0, 14, 0));
        }
        XYPlot plot = chart.getXYPlot();
        plot.setOutlineVisible(false);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        for (NumberAxis axis : new NumberAxis[] {(NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis()}) {
            axis.setAxisLinePaint(PlotStyle.TEXT);
            axis.setAxisLineStroke(PlotStyle.AXIS_STROKE);
            axis.setTickMarkPaint(PlotStyle.TEXT);
            axis.setTickMarkOutsideLength(6);
            axis.setLabelInsets(new RectangleInsets(10, 10, 10, 10));
            axis.setTickLabelInsets(new RectangleInsets(4, 4, 4, 4));
        }
        return chart;
    }

    /** Moves the legend inside the plot, at {@code anchor} of the data area, framed in white. */
    static void legendInside(JFreeChart chart, RectangleAnchor anchor, double x, double y) {
        LegendTitle legend = chart.getLegend();
        chart.removeLegend();
        legend.setItemFont(PlotStyle.font(PlotStyle.TICK_SIZE + 1));
        legend.setBackgroundPaint(new Color(255, 255, 255, 235));
        legend.setFrame(new BlockBorder(PlotStyle.GRID));
        legend.setItemLabelPadding(new RectangleInsets(3, 6, 3, 18));
        legend.setPadding(new RectangleInsets(6, 6, 6, 10));
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
        XYTitleAnnotation inside = new XYTitleAnnotation(x, y, legend, anchor);
        inside.setMaxWidth(0.9);
        chart.getXYPlot().addAnnotation(inside);
    }

    /** Keeps the legend under the plot (where bars may fill the plot's corners), in medfed's fonts. */
    static void legendBelow(JFreeChart chart) {
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(PlotStyle.font(PlotStyle.TICK_SIZE + 1));
        legend.setFrame(BlockBorder.NONE);
        legend.setItemLabelPadding(new RectangleInsets(3, 6, 3, 16));
        legend.setPadding(new RectangleInsets(12, 0, 0, 0));
        legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
    }

    /** A 0-to-{@code max} axis with ticks every {@code step}, labelled without trailing zeros. */
    static void fixedAxis(NumberAxis axis, double max, double step) {
        axis.setRange(0, max);
        axis.setTickUnit(new NumberTickUnit(step, new DecimalFormat("0.0##", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    }

    /** Paints {@code chart} on white over {@code width × height}. */
    static void paint(JFreeChart chart, Graphics2D g, int width, int height) {
        PlotStyle.hints(g);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
    }
}
