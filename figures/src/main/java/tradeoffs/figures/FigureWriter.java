package tradeoffs.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;

/** Writes a figure as {@code id.png} and {@code id.svg}, each atomically (temporary file + rename). */
public final class FigureWriter {
    private FigureWriter() {
    }

    /** PNG bytes of the figure (deterministic for a given chart and JVM). */
    public static byte[] png(Figure figure) {
        try {
            return BitmapEncoder.getBitmapBytes(figure.chart(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + figure.id() + ".png: " + e.getMessage(), e);
        }
    }

    /** SVG text of the figure. */
    public static byte[] svg(Figure figure) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(figure.chart(), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + figure.id() + ".svg: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes PNG and SVG into {@code dir}; returns the two paths. */
    public static List<Path> write(Figure figure, Path dir) {
        Path png = dir.resolve(figure.id() + ".png");
        Path svg = dir.resolve(figure.id() + ".svg");
        tradeoffs.io.AtomicFiles.writeBytes(png, png(figure));
        tradeoffs.io.AtomicFiles.writeBytes(svg, svg(figure));
        return List.of(png, svg);
    }
}
