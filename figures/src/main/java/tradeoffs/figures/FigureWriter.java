package tradeoffs.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a figure as {@code id.png}, {@code id.svg} and {@code id.pdf}, each atomically (temporary
 * file + rename), ready for print:
 * <ul>
 *   <li>PNG at {@link #PNG_SCALE}× the chart's size (1440×1080 px for 720×540), drawn as vectors
 *       onto the larger canvas, not scaled up;</li>
 *   <li>SVG and PDF with the chart's size in px (pt for PDF) and their text as text
 *       ({@link VectorOutput}): SVG {@code <text>} elements, PDF text with the font embedded.</li>
 * </ul>
 */
public final class FigureWriter {
    /** How many pixels of the PNG per unit of the chart. */
    public static final int PNG_SCALE = 2;
    /** The file kinds written, in order. */
    public static final List<String> FORMATS = List.of("png", "svg", "pdf");

    private FigureWriter() {}

    /** PNG bytes of the figure at {@link #PNG_SCALE}× (deterministic for a given chart and JVM). */
    public static byte[] png(Figure figure) {
        int w = figure.chart().getWidth();
        int h = figure.chart().getHeight();
        BufferedImage img = new BufferedImage(w * PNG_SCALE, h * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            figure.chart().paint(g, w, h);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + figure.id() + ".png: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** SVG text of the figure, its text as {@code <text>} elements. */
    public static byte[] svg(Figure figure) {
        return VectorOutput.svg(figure.chart());
    }

    /** PDF bytes of the figure, its text as text. */
    public static byte[] pdf(Figure figure) {
        return VectorOutput.pdf(figure.chart());
    }

    /** Writes PNG, SVG and PDF into {@code dir}; returns the three paths. */
    public static List<Path> write(Figure figure, Path dir) {
        Path png = dir.resolve(figure.id() + ".png");
        Path svg = dir.resolve(figure.id() + ".svg");
        Path pdf = dir.resolve(figure.id() + ".pdf");
        tradeoffs.io.AtomicFiles.writeBytes(png, png(figure));
        tradeoffs.io.AtomicFiles.writeBytes(svg, svg(figure));
        tradeoffs.io.AtomicFiles.writeBytes(pdf, pdf(figure));
        return List.of(png, svg, pdf);
    }
}
