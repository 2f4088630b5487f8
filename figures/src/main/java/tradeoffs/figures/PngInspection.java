package tradeoffs.figures;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a drawn figure back from its pixels, independently of the chart object: how much of it is
 * not background, and which palette colours it shows. Tests use it to check that a PNG is not
 * blank and that each series of the table made it into the picture.
 */
public final class PngInspection {
    private PngInspection() {}

    /** Fraction of pixels that are not pure white. */
    public static double nonWhiteFraction(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n / (double) ((long) img.getWidth() * img.getHeight());
    }

    /**
     * The {@link Palette} colours that cover at least {@code minPixels} pixels exactly
     * (anti-aliased edges blend and do not count). Black is left out: it is also the text colour.
     */
    public static Set<Color> paletteColours(BufferedImage img, int minPixels) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        Set<Color> out = new HashSet<>();
        for (Color c : Palette.COLORS) {
            if (!c.equals(Color.BLACK) && counts.getOrDefault(c.getRGB() & 0xFFFFFF, 0) >= minPixels) {
                out.add(c);
            }
        }
        return out;
    }
}
