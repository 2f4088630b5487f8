package tradeoffs.deep.benchmark;

import java.awt.Color;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The background types: type b has a texture family (stripes in three orientations, checks,
 * dots, rings, waves, grid; types 8 and 9 reuse diagonal stripes and checks) and palette b (a hue
 * and a neighbouring hue); no two types share both.
 * One instance of a type fixes its random phases, frequency and tilt, so two images of the same
 * type look alike but not identical.
 *
 * <p>Pixel value of channel c at (x, y), with texture τ(x, y) ∈ [0,1], palette offsets P_b, Q_b ∈
 * [-1,1]³ and background contrast κ_bg:
 * <pre>  bg_c = clamp01( 0.5 + 0.5·κ_bg·[ 0.55·(2τ − 1) + 0.45·((1 − τ)·P_b,c + τ·Q_b,c) ] )</pre>
 * so κ_bg = 0 is flat mid-grey and κ_bg = 1 spans [0,1] exactly. [ours: a design choice of this
 * benchmark, not from a paper]
 */
public final class BackgroundTexture {

    /** Number of texture families. */
    public static final int FAMILIES = 8;
    /** Family names, for docs and previews. */
    public static final String[] FAMILY_NAMES = {
        "horizontal stripes", "vertical stripes", "diagonal stripes", "checks", "dots", "rings", "waves", "grid"
    };
    /** Palette hues in degrees by background type (well separated for K ≤ 10). */
    private static final double[] HUES = {0, 215, 120, 45, 285, 175, 330, 80, 260, 195};
    /** Texture family by background type: types 8 and 9 reuse two families with far-off hues. */
    private static final int[] FAMILY = {0, 1, 2, 3, 4, 5, 6, 7, 2, 3};

    private final int type;
    private final double phase1;
    private final double phase2;
    private final double frequency;
    private final double cos;
    private final double sin;
    private final double cx;
    private final double cy;

    private BackgroundTexture(
            int type, double phase1, double phase2, double frequency, double tilt, double cx, double cy) {
        this.type = type;
        this.phase1 = phase1;
        this.phase2 = phase2;
        this.frequency = frequency;
        this.cos = Math.cos(tilt);
        this.sin = Math.sin(tilt);
        this.cx = cx;
        this.cy = cy;
    }

    /**
     * A random instance of background type {@code type}: phases uniform in [0, 2π), frequency
     * 3 cycles per image side × U[0.85, 1.15], tilt U[−12°, 12°], ring centre uniform. Consumes
     * exactly six draws of {@code rng}.
     */
    public static BackgroundTexture sample(int type, UniformRandomProvider rng) {
        double p1 = rng.nextDouble(2 * Math.PI);
        double p2 = rng.nextDouble(2 * Math.PI);
        double f = 3.0 * rng.nextDouble(0.85, 1.15);
        double tilt = Math.toRadians(rng.nextDouble(-12, 12));
        double x0 = rng.nextDouble();
        double y0 = rng.nextDouble();
        return new BackgroundTexture(type, p1, p2, f, tilt, x0, y0);
    }

    public int type() {
        return type;
    }

    /** Texture τ ∈ [0,1] at image coordinates (x, y) ∈ [0,1]² (fractions of the side). */
    double texture(double x, double y) {
        double xr = cos * (x - 0.5) - sin * (y - 0.5);
        double yr = sin * (x - 0.5) + cos * (y - 0.5);
        double w = 2 * Math.PI * frequency;
        double t = switch (FAMILY[type]) {
            case 0 -> 0.5 + 0.5 * Math.sin(w * yr + phase1);
            case 1 -> 0.5 + 0.5 * Math.sin(w * xr + phase1);
            case 2 -> 0.5 + 0.5 * Math.sin(w * (xr + yr) / Math.sqrt(2) + phase1);
            case 3 -> 0.5 + 0.5 * Math.tanh(4 * Math.sin(0.7 * w * xr + phase1) * Math.sin(0.7 * w * yr + phase2));
            case 4 -> {
                double d = Math.max(0, (Math.cos(w * xr + phase1) + Math.cos(w * yr + phase2)) / 2);
                yield d * d;
            }
            case 5 -> 0.5 + 0.5 * Math.sin(1.3 * w * Math.hypot(x - cx, y - cy) + phase1);
            case 6 -> 0.5 + 0.5 * Math.sin(w * yr + 1.5 * Math.sin(0.7 * w * xr + phase2) + phase1);
            default -> {
                double a = Math.pow(Math.abs(Math.cos(0.5 * w * xr + phase1)), 6);
                double b = Math.pow(Math.abs(Math.cos(0.5 * w * yr + phase2)), 6);
                yield Math.max(a, b);
            }
        };
        return Math.max(0, Math.min(1, t));
    }

    /**
     * Renders this background into {@code out} (C = 3 planes of size×size, starting at
     * {@code offset}) with contrast {@code contrast}; formula in the class comment.
     */
    void render(float[] out, int offset, int size, double contrast) {
        float[] p = paletteOffset(HUES[type]);
        float[] q = paletteOffset(HUES[type] + 50);
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = texture((x + 0.5) / size, (y + 0.5) / size);
                for (int c = 0; c < 3; c++) {
                    double col = 0.55 * (2 * t - 1) + 0.45 * ((1 - t) * p[c] + t * q[c]);
                    out[offset + c * plane + y * size + x] = clamp01(0.5 + 0.5 * contrast * col);
                }
            }
        }
    }

    /** The fully saturated colour of hue {@code degrees}, as offsets 2·rgb − 1 ∈ [-1,1]³. */
    static float[] paletteOffset(double degrees) {
        int rgb = Color.HSBtoRGB((float) (degrees / 360.0), 1f, 1f);
        return new float[] {
            ((rgb >> 16) & 0xff) / 127.5f - 1f, ((rgb >> 8) & 0xff) / 127.5f - 1f, (rgb & 0xff) / 127.5f - 1f
        };
    }

    static float clamp01(double v) {
        return (float) (v < 0 ? 0 : v > 1 ? 1 : v);
    }
}
