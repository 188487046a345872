package org.medfed.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A plot's files read back: the PNG as an image, the SVG as an XML document and its texts. */
record Rendered(BufferedImage png, Document svg) {

    static Rendered read(Path png, Path svg) throws Exception {
        assertTrue(Files.size(png) > 1000, png + " is nearly empty");
        assertTrue(Files.size(svg) > 1000, svg + " is nearly empty");
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " is not a PNG");
        return new Rendered(image, parse(Files.readAllBytes(svg)));
    }

    static Rendered of(Plot plot) throws Exception {
        return new Rendered(ImageIO.read(new ByteArrayInputStream(PlotFiles.png(plot))), parse(PlotFiles.svg(plot)));
    }

    /** Parses the SVG without fetching its DTD (no network in tests, nor for users). */
    static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    /** Checks the PNG is {@link PlotFiles#PNG_SCALE} times the plot and the SVG states the plot's size. */
    void hasSizeOf(Plot plot) {
        assertEquals(plot.width() * PlotFiles.PNG_SCALE, png.getWidth());
        assertEquals(plot.height() * PlotFiles.PNG_SCALE, png.getHeight());
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(plot.width() + "px", root.getAttribute("width"));
        assertEquals(plot.height() + "px", root.getAttribute("height"));
    }

    /** Every text the SVG shows, in document order. */
    List<String> texts() {
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** How many PNG pixels are close to {@code rgb} (within 24 per channel). */
    long pixelsNear(int rgb) {
        long n = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int p = png.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) <= 24
                        && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) <= 24
                        && Math.abs((p & 255) - (rgb & 255)) <= 24) {
                    n++;
                }
            }
        }
        return n;
    }

    static void assertHasText(Rendered r, String expected) {
        assertTrue(r.texts().stream().anyMatch(t -> t.contains(expected)),
                "no text containing '" + expected + "' among " + r.texts());
    }

    static void assertSvgFontsFallBack(byte[] svg) throws IOException {
        String s = new String(svg, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(s.contains("font-family:") && s.contains("sans-serif"), "no sans-serif fallback in the SVG fonts");
    }
}
