package org.medfed.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Writes a {@link Plot} as {@code NAME.png} and {@code NAME.svg} into a folder. Failures are
 * {@link IOException}s whose message names the folder or file and says what is wrong with it,
 * fit to show a user as it is.
 */
public final class PlotFiles {
    /** The PNG has this many pixels per SVG pixel: 2 makes a 900 px wide figure 1800 px wide. */
    public static final int PNG_SCALE = 2;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private PlotFiles() {
    }

    /**
     * Creates {@code dir} (and its parents) if needed and checks that files can be created in it,
     * so that a command can refuse a bad {@code --plot DIR} before it runs an analysis.
     */
    public static Path prepare(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write plots to " + dir + ": " + e.getFile() + " exists and is not a folder", e);
        } catch (IOException e) {
            throw new IOException("cannot create the plot folder " + dir + ": " + reason(e), e);
        }
        // Files.isWritable says yes to root on a read-only mount: only a real file creation tells.
        try {
            Path probe = Files.createTempFile(dir, ".medfed-plot-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("cannot write plots to " + dir + ": " + reason(e), e);
        }
        return dir;
    }

    /** Writes {@code dir/NAME.png} and {@code dir/NAME.svg}; returns their paths (PNG first). */
    public static List<Path> write(Plot plot, Path dir, String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("plot file name must be letters, digits, '.', '_' or '-': " + name);
        }
        prepare(dir);
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        writeFile(png, png(plot));
        writeFile(svg, svg(plot));
        return List.of(png, svg);
    }

    /** The plot as PNG bytes, {@link #PNG_SCALE} times its size, on white. */
    public static byte[] png(Plot plot) throws IOException {
        BufferedImage image = new BufferedImage(plot.width() * PNG_SCALE, plot.height() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            plot.paint(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("this Java runtime has no PNG writer");
        }
        return bytes.toByteArray();
    }

    /** The plot as an SVG document (UTF-8), {@code width × height} pixels. */
    public static byte[] svg(Plot plot) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        plot.paint(g);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, plot.width(), plot.height()))
                .writeTo(bytes);
        return SvgFonts.withFallbacks(bytes.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeFile(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** What went wrong, in words: the JDK's messages for these are often only the path. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
