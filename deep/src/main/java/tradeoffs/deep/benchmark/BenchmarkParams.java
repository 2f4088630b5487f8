package tradeoffs.deep.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.io.Manifest;
import tradeoffs.theory.MemoryBudget;
import tradeoffs.theory.ParameterException;

/**
 * The knobs of the shifted-backgrounds benchmark (docs/deep-benchmark.md). Bad values throw
 * {@link ParameterException} naming the knob in snake_case ({@code rho}, {@code bg_contrast}, …).
 *
 * @param numClasses         K, the number of classes (and of background types), 2..10
 * @param imageSize          H = W in pixels, 8..256; images have 3 channels
 * @param rho                ρ ∈ [0,1]: probability that a training image's background type equals
 *                           its class; otherwise it is one of the other K−1 types, uniformly.
 *                           ρ = 1/K makes background and class independent
 * @param foregroundContrast ≥ 0: amplitude of the object's deviation from mid-grey (plays σ_c of
 *                           the theory's core feature scale); pixel values saturate at 0 and 1 beyond 1
 * @param backgroundContrast ≥ 0: amplitude of the background texture and colour around mid-grey
 *                           (plays σ_s); with ρ it sets the scale ratio ({@link #scaleRatio()}), the
 *                           quantity the ℓ∞ scale condition (claim 2) is about
 * @param foregrounds        where the objects come from
 * @param dataPath           the data folder or file for {@link Foregrounds#FASHION_MNIST} and
 *                           {@link Foregrounds#MNIST}; null for procedural shapes
 */
public record BenchmarkParams(
        int numClasses,
        int imageSize,
        double rho,
        double foregroundContrast,
        double backgroundContrast,
        Foregrounds foregrounds,
        Path dataPath) {

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
            throw new ParameterException("classes", "must be in [2," + MAX_CLASSES + "]", numClasses);
        }
        if (imageSize < 8 || imageSize > 256) {
            throw new ParameterException("image_size", "must be in [8,256]", imageSize);
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new ParameterException("rho", "must be in [0,1]", rho);
        }
        if (!(foregroundContrast >= 0) || Double.isInfinite(foregroundContrast)) {
            throw new ParameterException("fg_contrast", "must be >= 0 and finite", foregroundContrast);
        }
        if (!(backgroundContrast >= 0) || Double.isInfinite(backgroundContrast)) {
            throw new ParameterException("bg_contrast", "must be >= 0 and finite", backgroundContrast);
        }
        if (foregrounds == null) {
            throw new ParameterException("foregrounds", "must be one of procedural, fashion-mnist, mnist", null);
        }
        if (foregrounds != Foregrounds.PROCEDURAL && dataPath == null) {
            throw new ParameterException(
                    "data", "must name the folder of the " + foregrounds.id() + " foregrounds", null);
        }
    }

    /** The default benchmark: K = 5 procedural shapes, 24×24, ρ = 0.9, contrasts 0.6 / 0.3. */
    public static BenchmarkParams defaults() {
        return new BenchmarkParams(
                DEFAULT_CLASSES,
                DEFAULT_SIZE,
                DEFAULT_RHO,
                DEFAULT_FG_CONTRAST,
                DEFAULT_BG_CONTRAST,
                Foregrounds.PROCEDURAL,
                null);
    }

    public BenchmarkParams withRho(double r) {
        return new BenchmarkParams(
                numClasses, imageSize, r, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withContrasts(double fg, double bg) {
        return new BenchmarkParams(numClasses, imageSize, rho, fg, bg, foregrounds, dataPath);
    }

    public BenchmarkParams withClasses(int k) {
        return new BenchmarkParams(k, imageSize, rho, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withImageSize(int size) {
        return new BenchmarkParams(
                numClasses, size, rho, foregroundContrast, backgroundContrast, foregrounds, dataPath);
    }

    public BenchmarkParams withForegrounds(Foregrounds f, Path data) {
        return new BenchmarkParams(numClasses, imageSize, rho, foregroundContrast, backgroundContrast, f, data);
    }

    /**
     * The background/object scale ratio r (see {@link #scaleRatio()}) set by choosing the background
     * contrast: κ_bg = r·min(κ_fg, 1) / |η_ρ|, everything else kept. A sweep over r across 1 is the benchmark's
     * analogue of a sweep over σ_s|η|/σ_c across the ℓ∞ scale condition of docs/math.md §4.3
     * (docs/deep-benchmark.md, "Scale ratio" [derived]).
     *
     * @throws ParameterException ({@code scale_ratio}) unless r is finite and ≥ 0, and (for r &gt; 0)
     *     κ_fg &gt; 0, ρ ≠ 1/K (else the background carries no class signal to scale) and the resulting
     *     κ_bg ≤ 1 (beyond 1 the background saturates at 0 and 1 and its pixel scale stops growing)
     */
    public BenchmarkParams withScaleRatio(double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new ParameterException("scale_ratio", "must be >= 0 and finite", r);
        }
        if (r == 0) {
            return withContrasts(foregroundContrast, 0);
        }
        double eta = Math.abs(backgroundCorrelation());
        if (foregroundContrast == 0) {
            throw new ParameterException(
                    "scale_ratio", "needs fg_contrast > 0 (the object's scale is the denominator)", r);
        }
        if (eta == 0) {
            throw new ParameterException(
                    "scale_ratio",
                    "needs rho != 1/classes = " + (1.0 / numClasses)
                            + " (at rho = 1/K the background carries no class signal to scale)",
                    r);
        }
        double fg = Math.min(foregroundContrast, 1);
        double max = eta / fg;
        if (r > max * (1 + 1e-12)) {
            throw new ParameterException(
                    "scale_ratio",
                    "must be <= " + max + " for fg_contrast = " + foregroundContrast
                            + ", rho = " + rho + ", classes = " + numClasses
                            + " (a larger ratio needs bg_contrast > 1, where background pixels saturate)",
                    r);
        }
        return withContrasts(foregroundContrast, Math.min(1, r * fg / eta));
    }

    /**
     * η_ρ = (Kρ − 1)/(K − 1): the background type's correlation with the class, the analogue of the
     * theory's η (docs/deep-benchmark.md, "Scale ratio" [derived]). The class-conditional mean of any
     * function f of the background type is E[f(b) | y] − E[f(b)] = η_ρ·(f(y) − f̄), f̄ the mean over
     * the K types, so η_ρ is the share of a background feature's class signal that survives the
     * correlation: 1 at ρ = 1, 0 at ρ = 1/K, negative below; for K = 2 it is the correlation
     * 2ρ − 1 of the ±1 class and background codes.
     */
    public double backgroundCorrelation() {
        return (numClasses * rho - 1) / (numClasses - 1);
    }

    /**
     * The scale ratio r = s_bg·|η_ρ| / s_fg = κ_bg·|η_ρ| / κ_fg, the benchmark's analogue of σ_s|η|/σ_c
     * in the ℓ∞ scale condition of docs/math.md §4.3 (claim 2; benchmark §11.1) [derived]: the pixel
     * scale s of a layer is the largest distance of its pixels from mid-grey, s = ½κ for κ ≤ 1 (the
     * object's shading g ≤ 1, the background's bracket within [−1, 1]), which is the per-pixel
     * amplitude an ℓ∞ attack of radius ε competes with; the background's class signal is that scale
     * times η_ρ ({@link #backgroundCorrelation()}). Infinite when κ_fg = 0 and the numerator is not;
     * NaN when both are 0.
     */
    public double scaleRatio() {
        return Math.min(backgroundContrast, 1) * Math.abs(backgroundCorrelation()) / Math.min(foregroundContrast, 1);
    }

    /**
     * The knobs by their manifest / CSV names (classes, image_size, rho, fg_contrast, bg_contrast,
     * foregrounds, data), then the derived scale_ratio.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", numClasses);
        m.put("image_size", imageSize);
        m.put("rho", rho);
        m.put("fg_contrast", foregroundContrast);
        m.put("bg_contrast", backgroundContrast);
        m.put("foregrounds", foregrounds.id());
        m.put("data", dataPath == null ? null : dataPath.toString());
        m.put("scale_ratio", scaleRatio());
        return m;
    }

    /** Records {@code seed} and the knobs ({@link #toMap}) in {@code m}, first among its parameters. */
    public Manifest record(Manifest m, long seed) {
        m.seed(seed);
        toMap().forEach(m::parameter);
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
        MemoryBudget.require(
                train ? "train_size" : "test_size",
                train ? trainSize : testSize,
                4.0 * px * (2.0 * trainSize + 8.0 * testSize),
                "the images (" + imageSize + "x" + imageSize + " pixels)");
    }

    /** Background contrast over foreground contrast (∞ when the foreground contrast is 0). */
    public double contrastRatio() {
        return backgroundContrast / foregroundContrast;
    }
}
