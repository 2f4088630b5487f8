package tradeoffs.deep.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reads image files (JPEG, PNG, … via javax.imageio) into channels-first RGB floats in [0,1]. */
public final class ImageFiles {
    private ImageFiles() {}

    /**
     * The image in {@code file}, resized to size×size with bilinear interpolation, written as
     * three planes (R, G, B) of values v/255 into {@code out} from {@code offset}. A missing or
     * unreadable file is an IllegalArgumentException naming it.
     */
    public static void readRgb(Path file, int size, float[] out, int offset) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image file " + file + " does not exist");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("image file " + file + " is corrupt: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new IllegalArgumentException("image file " + file + " is not a readable image (JPEG, PNG, BMP, GIF)");
        }
        BufferedImage rgb = img;
        if (img.getWidth() != size || img.getHeight() != size || img.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, size, size, null);
            g.dispose();
        }
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = rgb.getRGB(x, y);
                int p = y * size + x;
                out[offset + p] = ((v >> 16) & 0xff) / 255f;
                out[offset + plane + p] = ((v >> 8) & 0xff) / 255f;
                out[offset + 2 * plane + p] = (v & 0xff) / 255f;
            }
        }
    }

    /**
     * Resamples an h×w grey array (row-major) to size×size by bilinear interpolation at the output
     * pixel centres, x_src = (x + ½)·w/size − ½ (edges clamped), writing into {@code out} from
     * {@code offset}. Values stay within the input's range.
     */
    static void resizeBilinear(double[] src, int h, int w, int size, float[] out, int offset) {
        for (int y = 0; y < size; y++) {
            double sy = Math.min(Math.max((y + 0.5) * h / size - 0.5, 0), h - 1);
            int y0 = (int) Math.floor(sy);
            int y1 = Math.min(y0 + 1, h - 1);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.min(Math.max((x + 0.5) * w / size - 0.5, 0), w - 1);
                int x0 = (int) Math.floor(sx);
                int x1 = Math.min(x0 + 1, w - 1);
                double fx = sx - x0;
                double v = (1 - fy) * ((1 - fx) * src[y0 * w + x0] + fx * src[y0 * w + x1])
                        + fy * ((1 - fx) * src[y1 * w + x0] + fx * src[y1 * w + x1]);
                out[offset + y * size + x] = (float) v;
            }
        }
    }

    /** True for the extensions the loaders pick up: .jpeg, .jpg, .png (any case). */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png");
    }
}
