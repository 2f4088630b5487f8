package tradeoffs.deep.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.theory.MemoryBudget;

/**
 * The knobs of the shifted-backgrounds benchmark (DESIGN.md, "The deep benchmark").
 *
 * @param numClasses         K, the number of classes (and of background types), 2..10
 * @param imageSize          H = W in pixels, 8..256; images have 3 channels
 * @param rho                ρ ∈ [0,1]: probability that a training image's background type equals
 *                           its class; otherwise it is one of the other K−1 types, uniformly.
 *                           ρ = 1/K makes background and class independent
 * @param foregroundContrast ≥ 0: amplitude of the object's deviation from mid-grey (plays σ_c of
 *                           THEORY.md §1.4); pixel values saturate at 0 and 1 beyond 1
 * @param backgroundContrast ≥ 0: amplitude of the background texture and colour around mid-grey
 *                           (plays σ_s); their ratio is what the ℓ∞ scale condition (§1.1 claim 2) is about
 * @param foregrounds        where the objects come from
 * @param dataPath           the data folder or file for {@link Foregrounds#FASHION_MNIST} and
 *                           {@link Foregrounds#MNIST}; null for procedural shapes
 */
public record BenchmarkParams(int numClasses, int imageSize, double rho,
        double foregroundContrast, double backgroundContrast,
        Foregrounds foregrounds, Path dataPath) {

    /** Default K. */
    public static final int DEFAULT_CLASSES = 5;
    /** Default image side in pixels. */
    public static final int DEFAULT_SIZE = 24;
    /** Default spurious correlation ρ. */
    public static final double DEFAULT_RHO = 0.9;
    /** Default foreground contrast. */
    public static final double DEFAULT_FG_CONTRAST = 0.6;
    /** Default background contrast (below the foreground's). */
    public static final double DEFAULT_BG_CONTRAST = 0.3;
    /** Number of colour channels of generated images. */
    public static final int CHANNELS = 3;
    /** The largest K (ten shapes, ten palettes, ten Fashion-MNIST / MNIST classes). */
    public static final int MAX_CLASSES = 10;

    public BenchmarkParams {
        if (numClasses < 2 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("classes must be in [2," + MAX_CLASSES + "] (got " + numClasses + ")");
        }
        if (imageSize < 8 || imageSize > 256) {
            throw new IllegalArgumentException("image size must be in [8,256] (got " + imageSize + ")");
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [0,1] (got " + rho + ")");
        }
        if (!(foregroundContrast >= 0) || Double.isInfinite(foregroundContrast)) {
            throw new IllegalArgumentException("foreground contrast must be >= 0 and finite (got " + foregroundContrast + ")");
        }
        if (!(backgroundContrast >= 0) || Double.isInfinite(backgroundContrast)) {
            throw new IllegalArgumentException("background contrast must be >= 0 and finite (got " + backgroundContrast + ")");
        }
        if (foregrounds == null) {
            throw new IllegalArgumentException("foregrounds must not be null");
        }
        if (foregrounds != Foregrounds.PROCEDURAL && dataPath == null) {
            throw new IllegalArgumentException("foregrounds " + foregrounds.id() + " need a data path (--data)");
        }
    }

    /** The default benchmark: K = 5 procedural shapes, 24×24, ρ = 0.9, contrasts 0.6 / 0.3. */
    public static BenchmarkParams defaults() {
        return new BenchmarkParams(DEFAULT_CLASSES, DEFAULT_SIZE, DEFAULT_RHO,
                DEFAULT_FG_CONTRAST, DEFAULT_BG_CONTRAST, Foregrounds.PROCEDURAL, null);
    }

    public BenchmarkParams withRho(double r) {
        return new BenchmarkParams(numClasses, imageSize, r, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withContrasts(double fg, double bg) {
        return new BenchmarkParams(numClasses, imageSize, rho, fg, bg, foregrounds, dataPath);
    }

    public BenchmarkParams withClasses(int k) {
        return new BenchmarkParams(k, imageSize, rho, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withImageSize(int size) {
        return new BenchmarkParams(numClasses, size, rho, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withForegrounds(Foregrounds f, Path data) {
        return new BenchmarkParams(numClasses, imageSize, rho, foregroundContrast, backgroundContrast, f, data);
    }

    /** The knobs by their manifest / CSV names (classes, image_size, rho, fg_contrast, bg_contrast, foregrounds, data). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", numClasses);
        m.put("image_size", imageSize);
        m.put("rho", rho);
        m.put("fg_contrast", foregroundContrast);
        m.put("bg_contrast", backgroundContrast);
        m.put("foregrounds", foregrounds.id());
        m.put("data", dataPath == null ? null : dataPath.toString());
        return m;
    }

    /**
     * Throws a ParameterException about {@code train_size} or {@code test_size} unless a run with
     * these image counts fits: each image set is one float array of n·3·H·W pixels (an int index),
     * and the heap holds two copies of the training set and eight test sets at once (the variants,
     * the group split and their tensors), 4 bytes a pixel. A count of 0 is not checked.
     */
    public void requireFits(long trainSize, long testSize) {
        double px = CHANNELS * (double) imageSize * imageSize;
        MemoryBudget.requireArray("train_size", trainSize, trainSize * px, "the training images' pixels");
        MemoryBudget.requireArray("test_size", testSize, testSize * px, "a test set's pixels");
        boolean train = 2.0 * trainSize >= 8.0 * testSize;
        MemoryBudget.require(train ? "train_size" : "test_size", train ? trainSize : testSize,
                4.0 * px * (2.0 * trainSize + 8.0 * testSize), "the images (" + imageSize + "x" + imageSize + " pixels)");
    }

    /** Background contrast over foreground contrast (∞ when the foreground contrast is 0). */
    public double contrastRatio() {
        return backgroundContrast / foregroundContrast;
    }
}
