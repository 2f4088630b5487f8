package tradeoffs.deep.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Real objects from grey-level bitmaps (Fashion-MNIST items, MNIST digits), each with its own
 * mask: a pixel is foreground where the bilinearly interpolated intensity exceeds a threshold,
 * and its shading is that intensity. The last fifth of each class's images is held out for the
 * test splits, so test objects are never training objects (a class with one image shares it).
 */
public final class BitmapForegrounds implements ForegroundSource {
    /** Default mask threshold on intensities in [0,1]. */
    public static final double DEFAULT_THRESHOLD = 0.1;

    private final String name;
    private final int side;
    private final List<List<float[]>> byClass;
    private final double threshold;

    /**
     * @param name      what the bitmaps are (for messages)
     * @param side      bitmap side in pixels
     * @param images    images as side·side intensities in [0,1], row-major
     * @param labels    their classes, ≥ 0
     * @param threshold mask threshold in [0,1)
     */
    public BitmapForegrounds(String name, int side, List<float[]> images, int[] labels, double threshold) {
        if (images.size() != labels.length) {
            throw new IllegalArgumentException(
                    name + ": " + images.size() + " images but " + labels.length + " labels");
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("mask threshold must be in [0,1) (got " + threshold + ")");
        }
        this.name = name;
        this.side = side;
        this.threshold = threshold;
        this.byClass = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (images.get(i).length != side * side) {
                throw new IllegalArgumentException(name + ": image " + i + " has " + images.get(i).length
                        + " values, expected " + side + "x" + side);
            }
            while (byClass.size() <= labels[i]) {
                byClass.add(new ArrayList<>());
            }
            byClass.get(labels[i]).add(images.get(i));
        }
    }

    /** The number of leading classes that all have at least one image. */
    @Override
    public int maxClasses() {
        int k = 0;
        while (k < byClass.size() && !byClass.get(k).isEmpty()) {
            k++;
        }
        return k;
    }

    /** How many images class {@code cls} has. */
    public int count(int cls) {
        return cls < byClass.size() ? byClass.get(cls).size() : 0;
    }

    @Override
    public Sprite sprite(int cls, long seed, boolean heldOut) {
        if (cls < 0 || cls >= maxClasses()) {
            throw new IllegalArgumentException(name + " has no images of class " + cls);
        }
        List<float[]> pool = byClass.get(cls);
        int cut = pool.size() == 1 ? 1 : Math.max(1, pool.size() * 4 / 5);
        int from = heldOut && pool.size() > 1 ? cut : 0;
        int to = heldOut || pool.size() == 1 ? pool.size() : cut;
        float[] img = pool.get(from + RandomSource.SPLIT_MIX_64.create(seed).nextInt(to - from));
        return (u, v) -> {
            float g = bilinear(img, (u + 1) / 2 * side - 0.5, (v + 1) / 2 * side - 0.5);
            return g > threshold ? g : Sprite.OUTSIDE;
        };
    }

    @Override
    public double[] scaleRange() {
        return new double[] {0.8, 1.0};
    }

    @Override
    public double maxRotationDegrees() {
        return 12;
    }

    /** Bilinear interpolation at (x, y) in pixel coordinates, zero outside the bitmap. */
    private float bilinear(float[] img, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (float) ((1 - fx) * (1 - fy) * px(img, x0, y0)
                + fx * (1 - fy) * px(img, x0 + 1, y0)
                + (1 - fx) * fy * px(img, x0, y0 + 1)
                + fx * fy * px(img, x0 + 1, y0 + 1));
    }

    private float px(float[] img, int x, int y) {
        return x < 0 || y < 0 || x >= side || y >= side ? 0f : img[y * side + x];
    }
}
