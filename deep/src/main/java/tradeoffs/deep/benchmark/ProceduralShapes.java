package tradeoffs.deep.benchmark;

/**
 * Ten procedural shapes, one per class, chosen to stay distinct under the generator's ±20°
 * rotation and scale jitter: disk, square, triangle, plus, ring, star, hourglass, bar,
 * crescent, T. The shading is a soft light from the upper left, g ∈ [0.7, 1].
 */
public final class ProceduralShapes implements ForegroundSource {

    /** Shape names by class, for docs and previews. */
    public static final String[] NAMES = {
        "disk", "square", "triangle", "plus", "ring", "star", "hourglass", "bar", "crescent", "T"
    };

    @Override
    public int maxClasses() {
        return NAMES.length;
    }

    @Override
    public Sprite sprite(int cls, long seed, boolean heldOut) {
        if (cls < 0 || cls >= NAMES.length) {
            throw new IllegalArgumentException("class must be in [0," + NAMES.length + ") (got " + cls + ")");
        }
        return (u, v) -> inside(cls, u, v) ? shade(u, v) : Sprite.OUTSIDE;
    }

    /** Whether (u, v) ∈ [-1,1]² lies on shape {@code cls}. */
    static boolean inside(int cls, double u, double v) {
        double au = Math.abs(u);
        double av = Math.abs(v);
        double r = Math.hypot(u, v);
        return switch (cls) {
            case 0 -> r <= 0.9;
            case 1 -> au <= 0.72 && av <= 0.72;
            case 2 -> v <= 0.7 && v >= -0.9 && au <= 0.85 * (v + 0.9) / 1.6;
            case 3 -> (au <= 0.3 && av <= 0.92) || (av <= 0.3 && au <= 0.92);
            case 4 -> r <= 0.92 && r >= 0.5;
            case 5 -> r <= 0.55 + 0.4 * Math.cos(5 * (Math.atan2(v, u) + Math.PI / 2));
            case 6 -> av <= 0.88 && au <= 0.12 + 0.8 * av;
            case 7 -> au <= 0.95 && av <= 0.3;
            case 8 -> r <= 0.92 && Math.hypot(u - 0.4, v + 0.15) > 0.7;
            case 9 -> (v >= -0.9 && v <= -0.4 && au <= 0.88) || (au <= 0.26 && v >= -0.9 && v <= 0.9);
            default -> throw new IllegalArgumentException("no shape " + cls);
        };
    }

    private static float shade(double u, double v) {
        double g = 0.85 - 0.12 * (u + v);
        return (float) Math.max(0.7, Math.min(1.0, g));
    }
}
