package tradeoffs.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Colours, markers and line styles that stay distinguishable for colour-blind readers and in
 * greyscale: the Okabe–Ito palette (Okabe and Ito 2008, "Color Universal Design"), ordered so that
 * neighbouring entries differ in lightness, each paired with its own marker and dash pattern.
 */
public final class Palette {
    private Palette() {}

    /** Okabe–Ito colours, reordered dark/light alternately for greyscale contrast. */
    public static final List<Color> COLORS = List.of(
            new Color(0x00, 0x72, 0xB2), // blue
            new Color(0xE6, 0x9F, 0x00), // orange
            new Color(0x00, 0x00, 0x00), // black
            new Color(0xCC, 0x79, 0xA7), // reddish purple
            new Color(0xD5, 0x5E, 0x00), // vermillion
            new Color(0x56, 0xB4, 0xE9), // sky blue
            new Color(0x00, 0x9E, 0x73)); // bluish green

    /** Reference lines (boundaries, ±2 bands) in a neutral grey that no series uses. */
    public static final Color REFERENCE = new Color(0x77, 0x77, 0x77);

    private static final List<Marker> MARKERS = List.of(
            SeriesMarkers.CIRCLE,
            SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_DOWN,
            SeriesMarkers.CROSS,
            SeriesMarkers.PLUS);

    private static final float WIDTH = 2.5f;
    private static final List<BasicStroke> STROKES = List.of(
            new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND),
            new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f),
            new BasicStroke(WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {2.5f, 4f}, 0f),
            new BasicStroke(
                    WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 4f, 2.5f, 4f}, 0f));

    public static Color color(int i) {
        return COLORS.get(Math.floorMod(i, COLORS.size()));
    }

    public static Marker marker(int i) {
        return MARKERS.get(Math.floorMod(i, MARKERS.size()));
    }

    public static BasicStroke stroke(int i) {
        return STROKES.get(Math.floorMod(i, STROKES.size()));
    }

    /** A thin dashed stroke for reference lines. */
    public static BasicStroke referenceStroke() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Fixed style index per norm, so ℓ1, ℓ2, ℓ∞ look the same in every figure. */
    public static int normIndex(String norm) {
        return switch (norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> 4;
            case "l2" -> 0;
            case "linf", "l_inf", "inf" -> 1;
            default -> 3 + Math.floorMod(norm.hashCode(), 3);
        };
    }

    /** How a norm name is written in legends: "l1" → "ℓ1", "linf" → "ℓ∞". */
    public static String normLabel(String norm) {
        return switch (norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> "ℓ1";
            case "l2" -> "ℓ2";
            case "linf", "l_inf", "inf" -> "ℓ∞";
            default -> norm;
        };
    }
}
