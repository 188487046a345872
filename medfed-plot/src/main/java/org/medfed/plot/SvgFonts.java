package org.medfed.plot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VectorGraphics2D names only the one font family Java drew with; a viewer without it would fall
 * back to its default, often a serif. Appending fallbacks of similar width (Verdana is the closest
 * common match for DejaVu Sans) keeps labels inside the space the layout measured for them.
 */
final class SvgFonts {
    private static final Pattern FAMILY = Pattern.compile("font-family:(&quot;[^;]*?&quot;|[^;&\"]+);");

    private SvgFonts() {
    }

    static String withFallbacks(String svg) {
        Matcher m = FAMILY.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length() + 1024);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    "font-family:" + m.group(1) + ",Verdana,\"Helvetica Neue\",Arial,sans-serif;".replace("\"", "&quot;")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
