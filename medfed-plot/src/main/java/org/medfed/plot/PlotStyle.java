package org.medfed.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one look of every medfed figure: a sans-serif face at sizes that stay readable when the
 * figure is shrunk onto a slide, dark text on white, one accent colour for the data and grey for
 * references (chance, perfect calibration, no effect). Colours are distinguishable in greyscale
 * and by colour-blind readers (the accent is a dark blue, references are dashed).
 */
final class PlotStyle {
    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color SECONDARY_TEXT = new Color(0x55, 0x55, 0x55);
    static final Color ACCENT = new Color(0x1f, 0x4e, 0x79);
    static final Color ACCENT_LIGHT = new Color(0x6f, 0x9f, 0xd0);
    static final Color REFERENCE = new Color(0x80, 0x80, 0x80);
    static final Color GRID = new Color(0xe3, 0xe3, 0xe3);
    static final Color BAND = new Color(0xf3, 0xf5, 0xf8);
    static final Color SUPPRESSED = new Color(0xd9, 0xd9, 0xd9);

    static final float TITLE_SIZE = 22f;
    static final float SUBTITLE_SIZE = 14f;
    static final float LABEL_SIZE = 16f;
    static final float TICK_SIZE = 14f;
    static final float NOTE_SIZE = 13f;

    static final Stroke DATA_STROKE = new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke AXIS_STROKE = new BasicStroke(1.2f);
    static final Stroke REFERENCE_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 5f}, 0f);

    /**
     * DejaVu Sans where installed (Debian's default; wide, clear digits), else a common
     * sans-serif; Java's logical "SansSerif" as the last resort.
     */
    private static final String FAMILY = pickFamily(List.of("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"));

    private PlotStyle() {
    }

    static Font font(float size) {
        return new Font(FAMILY, Font.PLAIN, 1).deriveFont(size);
    }

    static Font bold(float size) {
        return new Font(FAMILY, Font.BOLD, 1).deriveFont(size);
    }

    /** Anti-aliased shapes and text, and fractional text metrics so that PNG and SVG lay out alike. */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static String pickFamily(List<String> preferred) {
        Set<String> installed = Arrays.stream(
                GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .collect(Collectors.toSet());
        for (String family : preferred) {
            if (installed.contains(family)) {
                return family;
            }
        }
        return Font.SANS_SERIF;
    }
}
