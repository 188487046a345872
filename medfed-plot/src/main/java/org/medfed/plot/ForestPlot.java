package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A forest plot of regression coefficients: one row per term with its point estimate (a square)
 * and confidence interval (a line), a vertical line at "no effect", and the numbers printed beside
 * each row as a paper's table would ("1.05 (0.96–1.15)", p-value). With
 * {@link Scale#EXPONENTIATED} the estimates and interval ends are log ratios (logit or log link)
 * and are drawn as ratios — exp(estimate), odds ratios or rate ratios — on a logarithmic axis with
 * the reference line at 1; with {@link Scale#LINEAR} they are drawn as they are with the line at 0.
 *
 * <p>Lists run in parallel, one entry per term; an estimate may be null (an aliased coefficient,
 * R's NA: the row says so and draws nothing) and an interval end may be null or non-finite (the
 * row draws the estimate alone). Intervals reaching past the axis (ratios beyond 1/1000 or 1000,
 * as under separation) end in an arrow. {@code pValue} may be null as a whole (no p column); the
 * caller leaves out what should not be drawn, such as the intercept.
 *
 * @param title     the figure's title, e.g. "Odds ratios for low birth weight"
 * @param subtitle  a second line (the model formula, n and sites); null for none
 * @param scale     how to read the estimates
 * @param measure   what an estimate is, for the axis and the column header: "Odds ratio", "Rate ratio",
 *                  "Coefficient (grams)"
 * @param confLevel the intervals' confidence level, e.g. 0.95
 * @param note      a footnote (how the intervals were computed, what was left out); null for none
 * @param interval  what the intervals are called in the column header: "CI" (confidence), "CrI"
 *                  (a posterior's credible interval)
 */
public record ForestPlot(String title, String subtitle, Scale scale, String measure, double confLevel,
        List<String> terms, List<Double> estimate, List<Double> confLow, List<Double> confHigh,
        List<Double> pValue, String note, String interval) implements Plot {

    /** A forest plot of confidence intervals ("CI" in the header). */
    public ForestPlot(String title, String subtitle, Scale scale, String measure, double confLevel,
            List<String> terms, List<Double> estimate, List<Double> confLow, List<Double> confHigh,
            List<Double> pValue, String note) {
        this(title, subtitle, scale, measure, confLevel, terms, estimate, confLow, confHigh, pValue, note, "CI");
    }

    /** How estimates are drawn. */
    public enum Scale {
        /** As they are, on a linear axis with the reference line at 0 (e.g. gaussian coefficients). */
        LINEAR,
        /** Log ratios drawn as exp(estimate) on a log axis with the reference line at 1. */
        EXPONENTIATED
    }

    private static final int WIDTH = 960;
    private static final int PAD = 28;
    private static final int TITLE_HEIGHT = 32;
    private static final int SUBTITLE_HEIGHT = 22;
    private static final int HEADER_HEIGHT = 34;
    private static final int ROW_HEIGHT = 32;
    private static final int AXIS_HEIGHT = 72;
    private static final int NOTE_HEIGHT = 28;
    private static final double RATIO_LIMIT = 1000;
    private static final double MARKER = 12;

    public ForestPlot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(interval, "interval");
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a forest plot needs at least one term");
        }
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new IllegalArgumentException("confLevel must be in (0, 1): " + confLevel);
        }
        terms = List.copyOf(terms);
        estimate = sameSize("estimate", estimate, terms.size());
        confLow = sameSize("confLow", confLow, terms.size());
        confHigh = sameSize("confHigh", confHigh, terms.size());
        pValue = pValue == null ? null : sameSize("pValue", pValue, terms.size());
    }

    static List<Double> sameSize(String name, List<Double> values, int size) {
        Objects.requireNonNull(values, name);
        if (values.size() != size) {
            throw new IllegalArgumentException(name + " has " + values.size() + " values for " + size + " terms");
        }
        return Collections.unmodifiableList(new ArrayList<>(values)); // nulls allowed: R's NA
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return PAD + TITLE_HEIGHT + subtitleLines().size() * SUBTITLE_HEIGHT + 12 + HEADER_HEIGHT
                + terms.size() * ROW_HEIGHT + AXIS_HEIGHT + (note == null ? 0 : NOTE_HEIGHT) + PAD;
    }

    @Override
    public void paint(Graphics2D g) {
        PlotStyle.hints(g);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, width(), height()));

        Font titleFont = PlotStyle.bold(PlotStyle.TITLE_SIZE);
        Font subtitleFont = PlotStyle.font(PlotStyle.SUBTITLE_SIZE);
        Font headerFont = PlotStyle.bold(PlotStyle.TICK_SIZE + 1);
        Font rowFont = PlotStyle.font(PlotStyle.LABEL_SIZE);
        Font tickFont = PlotStyle.font(PlotStyle.TICK_SIZE);
        Font axisFont = PlotStyle.font(PlotStyle.LABEL_SIZE);
        Font noteFont = PlotStyle.font(PlotStyle.NOTE_SIZE);

        double y = PAD;
        text(g, title, titleFont, PlotStyle.TEXT, PAD, y + TITLE_HEIGHT / 2.0, Align.LEFT, WIDTH - 2 * PAD);
        y += TITLE_HEIGHT;
        for (String line : subtitleLines()) {
            text(g, line, subtitleFont, PlotStyle.SECONDARY_TEXT, PAD, y + SUBTITLE_HEIGHT / 2.0, Align.LEFT,
                    WIDTH - 2 * PAD);
            y += SUBTITLE_HEIGHT;
        }
        y += 12;

        // Columns: term labels | the plot | estimate (CI) | p-value.
        List<String> intervals = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            intervals.add(intervalText(i));
        }
        String ciHeader = measure + " (" + Numbers.percent(confLevel) + "% " + interval + ")";
        FontMetrics rowMetrics = g.getFontMetrics(rowFont);
        FontMetrics headerMetrics = g.getFontMetrics(headerFont);
        double termWidth = 0;
        for (String term : terms) {
            termWidth = Math.max(termWidth, rowMetrics.getStringBounds(term, g).getWidth());
        }
        termWidth = Math.min(Math.max(termWidth + 24, 110), WIDTH * 0.3);
        double ciWidth = headerMetrics.getStringBounds(ciHeader, g).getWidth();
        for (String s : intervals) {
            ciWidth = Math.max(ciWidth, rowMetrics.getStringBounds(s, g).getWidth());
        }
        double pWidth = pValue == null ? 0
                : Math.max(headerMetrics.getStringBounds("p-value", g).getWidth(),
                        rowMetrics.getStringBounds("<0.001", g).getWidth()) + 28;
        double pRight = WIDTH - PAD;
        double ciRight = pRight - pWidth;
        double x0 = PAD + termWidth;
        double x1 = ciRight - ciWidth - 32;
        Axis axis = axis();

        // Header and the rule under it.
        double headerMid = y + HEADER_HEIGHT / 2.0;
        text(g, ciHeader, headerFont, PlotStyle.SECONDARY_TEXT, ciRight, headerMid, Align.RIGHT, Double.MAX_VALUE);
        if (pValue != null) {
            text(g, "p-value", headerFont, PlotStyle.SECONDARY_TEXT, pRight, headerMid, Align.RIGHT, Double.MAX_VALUE);
        }
        y += HEADER_HEIGHT;
        g.setColor(PlotStyle.GRID);
        g.setStroke(PlotStyle.AXIS_STROKE);
        g.draw(new Line2D.Double(PAD, y, WIDTH - PAD, y));

        double rowsTop = y;
        double rowsBottom = rowsTop + terms.size() * ROW_HEIGHT;
        double axisY = rowsBottom + 8;
        for (int i = 1; i < terms.size(); i += 2) {
            g.setColor(PlotStyle.BAND);
            g.fill(new Rectangle2D.Double(PAD, rowsTop + i * ROW_HEIGHT, WIDTH - 2 * PAD, ROW_HEIGHT));
        }
        g.setColor(PlotStyle.GRID);
        g.setStroke(new BasicStroke(1f));
        for (double t : axis.ticks) {
            double x = axis.x(t, x0, x1);
            g.draw(new Line2D.Double(x, rowsTop, x, axisY));
        }
        g.setColor(PlotStyle.REFERENCE);
        g.setStroke(PlotStyle.REFERENCE_STROKE);
        double refX = axis.x(axis.reference, x0, x1);
        g.draw(new Line2D.Double(refX, rowsTop, refX, axisY));

        for (int i = 0; i < terms.size(); i++) {
            double mid = rowsTop + (i + 0.5) * ROW_HEIGHT;
            text(g, terms.get(i), rowFont, PlotStyle.TEXT, PAD + 4, mid, Align.LEFT, termWidth - 16);
            boolean estimated = finite(estimate.get(i));
            text(g, intervals.get(i), rowFont, estimated ? PlotStyle.TEXT : PlotStyle.SECONDARY_TEXT, ciRight, mid,
                    Align.RIGHT, Double.MAX_VALUE);
            if (pValue != null && pValue.get(i) != null) {
                text(g, Numbers.pValue(pValue.get(i)), rowFont, PlotStyle.TEXT, pRight, mid, Align.RIGHT,
                        Double.MAX_VALUE);
            }
            if (estimated) {
                drawRow(g, axis, i, mid, x0, x1);
            }
        }

        // The axis, its ticks and what it measures.
        g.setColor(PlotStyle.TEXT);
        g.setStroke(PlotStyle.AXIS_STROKE);
        g.draw(new Line2D.Double(x0, axisY, x1, axisY));
        for (double t : axis.ticks) {
            double x = axis.x(t, x0, x1);
            g.setColor(PlotStyle.TEXT);
            g.draw(new Line2D.Double(x, axisY, x, axisY + 6));
            text(g, Numbers.tick(t), tickFont, PlotStyle.TEXT, x, axisY + 18, Align.CENTER, Double.MAX_VALUE);
        }
        String axisLabel = scale == Scale.EXPONENTIATED ? measure + " (log scale)" : measure;
        text(g, axisLabel, axisFont, PlotStyle.TEXT, (x0 + x1) / 2, axisY + 46, Align.CENTER, Double.MAX_VALUE);
        if (note != null) {
            text(g, note, noteFont, PlotStyle.SECONDARY_TEXT, PAD, axisY + AXIS_HEIGHT - 8 + NOTE_HEIGHT / 2.0,
                    Align.LEFT, WIDTH - 2 * PAD);
        }
    }

    /**
     * The subtitle in lines that fit the width (a long formula takes two or three), broken after a
     * " · " where possible, else at spaces; measured with fractional metrics, as
     * {@link PlotStyle#hints} draws, so that the height is known before painting. Past three lines
     * the third ends in an ellipsis.
     */
    private List<String> subtitleLines() {
        if (subtitle == null) {
            return List.of();
        }
        Font font = PlotStyle.font(PlotStyle.SUBTITLE_SIZE);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double max = WIDTH - 2 * PAD;
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String part : subtitle.split(" \u00b7 ")) {
            String joined = line.isEmpty() ? part : line + " \u00b7 " + part;
            if (font.getStringBounds(joined, frc).getWidth() <= max) {
                line = joined;
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line + " \u00b7");
            }
            line = "";
            for (String word : part.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringBounds(candidate, frc).getWidth() > max) {
                    lines.add(line);
                    line = word;
                } else {
                    line = candidate;
                }
            }
        }
        lines.add(line);
        if (lines.size() > 3) {
            lines = new ArrayList<>(lines.subList(0, 3));
            lines.set(2, lines.get(2) + " \u2026"); // text() cuts it to the width with its own ellipsis
        }
        return lines;
    }

    private void drawRow(Graphics2D g, Axis axis, int i, double mid, double x0, double x1) {
        double est = display(estimate.get(i));
        Double lowValue = confLow.get(i);
        Double highValue = confHigh.get(i);
        g.setColor(PlotStyle.ACCENT);
        g.setStroke(PlotStyle.DATA_STROKE);
        if (lowValue != null && highValue != null && !Double.isNaN(lowValue) && !Double.isNaN(highValue)) {
            double lo = display(lowValue);
            double hi = display(highValue);
            boolean clippedLow = lo < axis.lo;
            boolean clippedHigh = hi > axis.hi;
            double xl = axis.x(Math.max(lo, axis.lo), x0, x1);
            double xh = axis.x(Math.min(hi, axis.hi), x0, x1);
            if (hi >= axis.lo && lo <= axis.hi) {
                g.draw(new Line2D.Double(xl, mid, xh, mid));
            }
            if (clippedLow && hi >= axis.lo) {
                arrow(g, x0, mid, -1);
            }
            if (clippedHigh && lo <= axis.hi) {
                arrow(g, x1, mid, +1);
            }
        }
        if (est >= axis.lo && est <= axis.hi) {
            double x = axis.x(est, x0, x1);
            g.fill(new Rectangle2D.Double(x - MARKER / 2, mid - MARKER / 2, MARKER, MARKER));
        } else {
            arrow(g, est < axis.lo ? x0 : x1, mid, est < axis.lo ? -1 : +1);
        }
    }

    private static void arrow(Graphics2D g, double x, double y, int direction) {
        Path2D.Double head = new Path2D.Double();
        head.moveTo(x + direction * 2, y);
        head.lineTo(x - direction * 9, y - 6);
        head.lineTo(x - direction * 9, y + 6);
        head.closePath();
        g.fill(head);
    }

    /** The value drawn for an estimate or interval end on the link scale. */
    private double display(double v) {
        return scale == Scale.EXPONENTIATED ? Math.exp(v) : v;
    }

    private String intervalText(int i) {
        Double est = estimate.get(i);
        if (!finite(est)) {
            return "NA (aliased)";
        }
        String text = Numbers.effect(display(est));
        Double lo = confLow.get(i);
        Double hi = confHigh.get(i);
        if (lo != null && hi != null && !Double.isNaN(lo) && !Double.isNaN(hi)) {
            // An en dash reads well between two positive ratios; "to" is clearer around minus signs.
            String sep = scale == Scale.EXPONENTIATED ? "\u2013" : " to ";
            text += " (" + Numbers.effect(display(lo)) + sep + Numbers.effect(display(hi)) + ")";
        }
        return text;
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }

    /** The axis: its range in drawn units, the reference value and the labelled ticks. */
    private Axis axis() {
        boolean ratio = scale == Scale.EXPONENTIATED;
        double reference = ratio ? 1 : 0;
        double lo = reference;
        double hi = reference;
        for (int i = 0; i < terms.size(); i++) {
            if (!finite(estimate.get(i))) {
                continue;
            }
            for (Double v : new Double[] {estimate.get(i), confLow.get(i), confHigh.get(i)}) {
                if (v == null || Double.isNaN(v)) {
                    continue;
                }
                double d = display(v);
                if (ratio) {
                    d = Math.min(Math.max(d, 1 / RATIO_LIMIT), RATIO_LIMIT);
                } else if (!Double.isFinite(d)) {
                    continue;
                }
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (ratio) {
            double span = Math.log(hi) - Math.log(lo);
            double margin = span == 0 ? Math.log(2) : 0.05 * span;
            double[] range = Ticks.widenToTicks(Math.exp(Math.log(lo) - margin), Math.exp(Math.log(hi) + margin), true);
            return new Axis(true, range[0], range[1], reference, Ticks.log(range[0], range[1]));
        }
        double span = hi - lo;
        double margin = span == 0 ? 1 : 0.05 * span;
        double[] range = Ticks.widenToTicks(lo - margin, hi + margin, false);
        return new Axis(false, range[0], range[1], reference, Ticks.linear(range[0], range[1], 6));
    }

    private record Axis(boolean log, double lo, double hi, double reference, List<Double> ticks) {
        double x(double v, double x0, double x1) {
            double t = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
            return x0 + t * (x1 - x0);
        }
    }

    enum Align { LEFT, CENTER, RIGHT }

    /**
     * Draws one line of text vertically centred on {@code midY}, anchored at {@code x}, cut with an
     * ellipsis if wider than {@code maxWidth}.
     */
    static void text(Graphics2D g, String s, Font font, Color color, double x, double midY, Align align,
            double maxWidth) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics(font);
        String shown = s;
        if (m.getStringBounds(shown, g).getWidth() > maxWidth) {
            while (shown.length() > 1 && m.getStringBounds(shown + "\u2026", g).getWidth() > maxWidth) {
                shown = shown.substring(0, shown.length() - 1);
            }
            shown += "\u2026";
        }
        double w = m.getStringBounds(shown, g).getWidth();
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - w / 2;
            case RIGHT -> x - w;
        };
        double baseline = midY + (m.getAscent() - m.getDescent()) / 2.0;
        g.drawString(shown, (float) left, (float) baseline);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ForestPlot[%s, %d terms, %s]", title, terms.size(), scale);
    }
}
