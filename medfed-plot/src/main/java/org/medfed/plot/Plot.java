package org.medfed.plot;

import java.awt.Graphics2D;

/**
 * A figure that can paint itself onto a Graphics2D of a fixed size. Sizes are in SVG pixels
 * (CSS px); {@link PlotFiles} writes the SVG at that size and the PNG at
 * {@link PlotFiles#PNG_SCALE} times it, sharp on a projector or a high-density screen.
 */
public interface Plot {
    /** Width in SVG pixels. */
    int width();

    /** Height in SVG pixels. */
    int height();

    /** Paints the whole figure, background included, into {@code [0, width) × [0, height)}. */
    void paint(Graphics2D g);
}
