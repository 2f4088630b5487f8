package tradeoffs.deep.benchmark;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.Manifest;
import tradeoffs.theory.MemoryBudget;
import tradeoffs.theory.ParameterException;

/**
 * PNG previews of a benchmark: one grid per variant ({@code <variant>.png}, one row per class)
 * and an overview ({@code variants.png}, one labelled row per variant, the same images in each column),
 * each image enlarged by an integer factor with nearest-neighbour pixels.
 */
public final class Preview {
    private static final int GAP = 2;
    private static final int LABEL_WIDTH = 96;

    private Preview() {}

    /**
     * Throws a ParameterException about {@code per_class} or {@code zoom} unless the largest grid
     * image (perClass·size·zoom by K·size·zoom pixels, or the K×K group grid) fits: at most 65535
     * pixels a side and, at 4 bytes a pixel, twice within the heap.
     */
    public static void requireSize(BenchmarkParams params, int perClass, int zoom) {
        ParameterException.requireAtLeast("per_class", perClass, 1);
        if (zoom < 1 || zoom > 32) {
            throw new ParameterException("zoom", "must be in [1, 32]", zoom);
        }
        double side = (double) params.imageSize() * zoom;
        double wide = Math.max(perClass, params.numClasses()) * side;
        double tall = params.numClasses() * side;
        String parameter = perClass > params.numClasses() ? "per_class" : "zoom";
        Object value = parameter.equals("per_class") ? perClass : zoom;
        if (wide > 65535) {
            throw new ParameterException(parameter, "must keep a preview image within 65535 pixels a side", value);
        }
        MemoryBudget.require(parameter, value, 2 * 4.0 * wide * tall, "the preview images");
    }

    /**
     * Writes the previews of {@code bench} into {@code dir}: {@code perClass} test images per
     * class in each variant grid, plus {@code groups.png} for the broken-correlation split.
     * Returns the files written.
     */
    public static List<Path> write(ShiftedBackgrounds bench, Path dir, int perClass, int zoom) {
        requireSize(bench.params(), perClass, zoom);
        int k = bench.params().numClasses();
        int n = k * perClass;
        List<Path> written = new ArrayList<>();
        Map<Variant, ImageSet> variants = bench.testVariants(n);
        List<ImageSet> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<Variant, ImageSet> e : variants.entrySet()) {
            Path file = dir.resolve(e.getKey().id() + ".png");
            writePng(file, grid(e.getValue(), k, perClass, zoom));
            written.add(file);
            rows.add(e.getValue().slice(0, Math.min(n, 2 * k)));
            names.add(e.getKey().id());
        }
        Path overview = dir.resolve("variants.png");
        writePng(overview, stack(rows, names, zoom));
        written.add(overview);
        Path groups = dir.resolve("groups.png");
        ImageSet g = bench.generate(Split.GROUPS, Variant.ORIGINAL, k * k);
        writePng(groups, grid(g, k, k, zoom));
        written.add(groups);
        return written;
    }

    /**
     * Writes the previews of the benchmark {@code params} generated from {@code seed} into {@code dir}
     * ({@link #write}), then {@code manifest} with the benchmark's knobs, the preview's size, the
     * timing and the files. Returns the files written (the manifest aside).
     */
    public static List<Path> writeInto(
            BenchmarkParams params, long seed, Path dir, int perClass, int zoom, Manifest manifest) {
        long t0 = System.nanoTime();
        List<Path> files = write(new ShiftedBackgrounds(params, seed), dir, perClass, zoom);
        params.record(manifest, seed)
                .parameter("per_class", perClass)
                .parameter("zoom", zoom)
                .timing("preview_seconds", (System.nanoTime() - t0) / 1e9)
                .put(
                        "files",
                        files.stream().map(p -> p.getFileName().toString()).toList())
                .writeTo(dir);
        return files;
    }

    /** Images laid out in {@code rows} rows of {@code cols}, image i in row i mod rows (label order for the generator's sets). */
    public static BufferedImage grid(ImageSet set, int rows, int cols, int zoom) {
        int h = set.height() * zoom;
        int w = set.width() * zoom;
        BufferedImage out =
                new BufferedImage(cols * (w + GAP) + GAP, rows * (h + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.dispose();
        for (int i = 0; i < Math.min(set.size(), rows * cols); i++) {
            int r = i % rows;
            int c = i / rows;
            paint(set, i, out, GAP + c * (w + GAP), GAP + r * (h + GAP), zoom);
        }
        return out;
    }

    /** One row per set, each labelled on the left with its variant id (when fonts are available). */
    private static BufferedImage stack(List<ImageSet> rows, List<String> names, int zoom) {
        ImageSet first = rows.get(0);
        int h = first.height() * zoom;
        int w = first.width() * zoom;
        int cols = first.size();
        int margin = LABEL_WIDTH;
        BufferedImage out = new BufferedImage(
                margin + cols * (w + GAP) + GAP, rows.size() * (h + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int r = 0; r < names.size(); r++) {
                g.drawString(names.get(r), 4, GAP + r * (h + GAP) + h / 2 + 5);
            }
        } catch (RuntimeException | Error e) {
            // No usable font on this machine: the rows stay in Variant order, unlabelled.
        }
        g.dispose();
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < rows.get(r).size(); i++) {
                paint(rows.get(r), i, out, margin + GAP + i * (w + GAP), GAP + r * (h + GAP), zoom);
            }
        }
        return out;
    }

    /** Paints image i (1 or 3 channels) at (x0, y0), each pixel a zoom×zoom block. */
    static void paint(ImageSet set, int i, BufferedImage out, int x0, int y0, int zoom) {
        float[] img = set.image(i);
        int plane = set.height() * set.width();
        for (int y = 0; y < set.height(); y++) {
            for (int x = 0; x < set.width(); x++) {
                int p = y * set.width() + x;
                int r = to8(img[p]);
                int gr = set.channels() >= 3 ? to8(img[plane + p]) : r;
                int b = set.channels() >= 3 ? to8(img[2 * plane + p]) : r;
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < zoom; dy++) {
                    for (int dx = 0; dx < zoom; dx++) {
                        out.setRGB(x0 + x * zoom + dx, y0 + y * zoom + dy, rgb);
                    }
                }
            }
        }
    }

    private static int to8(float v) {
        return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    /** Writes {@code img} as PNG, atomically. */
    public static void writePng(Path file, BufferedImage img) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
