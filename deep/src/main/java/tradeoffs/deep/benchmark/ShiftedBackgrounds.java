package tradeoffs.deep.benchmark;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.theory.ParameterException;

/**
 * The shifted-backgrounds benchmark generator (docs/deep-benchmark.md): K classes of
 * objects composited through a mask onto textured backgrounds whose type is spuriously
 * correlated with the class.
 *
 * <p>Every image is a pure function of (seed, split, index): image i of a split draws from its
 * own random stream, so any subset of indices regenerates bit for bit, whatever the order,
 * the batch or the thread count. All variants of image i share its object (shape, pose,
 * position), which makes variant accuracies paired comparisons.
 *
 * <p>Image i of split s, with K classes and correlation ρ:
 * <ul>
 * <li>label y = i mod K (classes exactly balanced over any K consecutive indices);</li>
 * <li>background type b: for {@link Split#GROUPS}, b = ⌊i / K⌋ mod K (all K² groups balanced,
 *     background independent of class); otherwise b = y with probability ρ, else uniform over
 *     the other K − 1 types;</li>
 * <li>object: a sprite of class y with scale, rotation and position jitter; mask m = 1 on it;</li>
 * <li>pixel = m·fg + (1 − m)·bg with fg_c = clamp01(0.5 + 0.5·κ_fg·g) (g the sprite's shading)
 *     and bg from {@link BackgroundTexture}.</li>
 * </ul>
 * The variants ({@link Variant}) replace the background or remove the object; see their Javadoc.
 */
public final class ShiftedBackgrounds {

    private final BenchmarkParams params;
    private final long seed;
    private final ForegroundSource foregrounds;

    /** The benchmark of {@code params}; loads Fashion-MNIST / MNIST foregrounds when asked for. */
    public ShiftedBackgrounds(BenchmarkParams params, long seed) {
        this(params, seed, ForegroundSources.open(params));
    }

    /** The benchmark with an explicit foreground source (tests, custom objects). */
    public ShiftedBackgrounds(BenchmarkParams params, long seed, ForegroundSource foregrounds) {
        if (params.numClasses() > foregrounds.maxClasses()) {
            throw new ParameterException(
                    "classes",
                    "must be <= " + foregrounds.maxClasses() + " for these foregrounds",
                    params.numClasses());
        }
        this.params = params;
        this.seed = seed;
        this.foregrounds = foregrounds;
    }

    public BenchmarkParams params() {
        return params;
    }

    public long seed() {
        return seed;
    }

    /** {@code n} training images (original variant, correlation ρ). */
    public ImageSet train(int n) {
        return generate(Split.TRAIN, Variant.ORIGINAL, n);
    }

    /** {@code n} test images of variant {@code v}. */
    public ImageSet test(Variant v, int n) {
        return generate(Split.TEST, v, n);
    }

    /**
     * {@code n} test images (original variant) whose backgrounds follow {@code correlation} instead
     * of the training correlation: class y gets background type π(y) with probability ρ′, else one of
     * the other K − 1 types uniformly. Image i keeps the object, pose and position of test image i,
     * and uses the same random numbers to decide its background: at ρ′ = ρ with the identity pairing
     * the images are exactly {@link #test}(ORIGINAL, n), and for two values of ρ′ the images whose
     * background matches at the smaller one also match at the larger (the shift is a paired
     * comparison). The images depend on ρ′, π and the seed, not on the benchmark's ρ.
     *
     * @throws ParameterException ({@code pairing}) when the pairing is for another number of classes
     */
    public ImageSet shiftedTest(TestCorrelation correlation, int n) {
        if (correlation.numClasses() != params.numClasses()) {
            throw new ParameterException(
                    "pairing",
                    "must pair all " + params.numClasses() + " classes",
                    correlation.numClasses() + " classes");
        }
        if (n < 0) {
            throw new ParameterException("n", "must be >= 0", n);
        }
        return generate(Split.TEST, Variant.ORIGINAL, IntStream.range(0, n).toArray(), correlation);
    }

    /** Every test variant, {@code n} images each, in {@link Variant} order. */
    public Map<Variant, ImageSet> testVariants(int n) {
        Map<Variant, ImageSet> out = new EnumMap<>(Variant.class);
        for (Variant v : Variant.values()) {
            out.put(v, test(v, n));
        }
        return out;
    }

    /**
     * The fewest images of each (class, background type) group that {@link #groups} accepts: with 10
     * images a group's accuracy has a binomial standard error of at most 0.16, and a group the model
     * gets entirely wrong cannot hide behind an empty cell.
     */
    public static final int MIN_PER_GROUP = 10;

    /**
     * {@code n} images of the broken-correlation split (Waterbirds-style groups): image i has class
     * i mod K and background type ⌊i/K⌋ mod K, so every one of the K² groups holds exactly n/K² images.
     *
     * @throws ParameterException ({@code group_split_size}) unless n is a multiple of K² with at
     *     least {@link #MIN_PER_GROUP} images per group; {@link #groupSplitSize} gives a valid size
     */
    public ImageSet groups(int n) {
        int cells = params.numClasses() * params.numClasses();
        if (n % cells != 0 || n < cells * MIN_PER_GROUP) {
            int lower = Math.max(cells * MIN_PER_GROUP, n / cells * cells);
            int upper = Math.max(cells * MIN_PER_GROUP, (n + cells - 1) / cells * cells);
            throw new ParameterException(
                    "group_split_size",
                    "must be a multiple of K² = " + cells
                            + " (one equal count per class × background group) with at least " + MIN_PER_GROUP
                            + " images per group, e.g. "
                            + (lower == upper ? String.valueOf(lower) : lower + " or " + upper),
                    n);
        }
        return generate(Split.GROUPS, Variant.ORIGINAL, n);
    }

    /**
     * The size of the group split that goes with {@code testSize} test images per variant:
     * K²·max({@link #MIN_PER_GROUP}, ⌈testSize/K²⌉), the smallest balanced split with at least as
     * many images as the test sets and at least the minimum per group (1000 for K = 5 and 1000 test
     * images: 40 per group).
     */
    public int groupSplitSize(int testSize) {
        if (testSize < 1) {
            throw new ParameterException("test_size", "must be >= 1", testSize);
        }
        int cells = params.numClasses() * params.numClasses();
        return cells * Math.max(MIN_PER_GROUP, (testSize + cells - 1) / cells);
    }

    /** Images 0 … n−1 of {@code split} in variant {@code v}. */
    public ImageSet generate(Split split, Variant v, int n) {
        if (n < 0) {
            throw new ParameterException("n", "must be >= 0", n);
        }
        return generate(split, v, IntStream.range(0, n).toArray());
    }

    /** The images with these indices (each ≥ 0) of {@code split} in variant {@code v}, in that order. */
    public ImageSet generate(Split split, Variant v, int[] indices) {
        return generate(split, v, indices, null);
    }

    /** {@link #generate(Split, Variant, int[])} with the backgrounds of {@code correlation} (null: ρ and identity). */
    private ImageSet generate(Split split, Variant v, int[] indices, TestCorrelation correlation) {
        int s = params.imageSize();
        int len = BenchmarkParams.CHANNELS * s * s;
        int n = indices.length;
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("image index must be >= 0 (got " + i + ")");
            }
        }
        float[] pixels = new float[n * len];
        float[] masks = new float[n * s * s];
        int[] labels = new int[n];
        int[] bgClass = new int[n];
        IntStream.range(0, n)
                .parallel()
                .forEach(k -> render(
                        split, v, indices[k], correlation, pixels, k * len, masks, k * s * s, labels, bgClass, k));
        String name = split.id() + "/" + v.id() + (correlation == null ? "" : "@" + correlation.id());
        return new ImageSet(name, BenchmarkParams.CHANNELS, s, s, pixels, labels, params.numClasses(), masks, bgClass);
    }

    /** The label of image {@code index} (any split): index mod K. */
    public int label(int index) {
        return index % params.numClasses();
    }

    private void render(
            Split split,
            Variant variant,
            int index,
            TestCorrelation correlation,
            float[] pixels,
            int off,
            float[] masks,
            int moff,
            int[] labels,
            int[] bgClass,
            int k) {
        int kk = params.numClasses();
        int s = params.imageSize();
        int plane = s * s;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(seed, split.streamId, index));
        int y = label(index);

        // Fixed order and number of draws, whatever the variant, so variants share the object.
        Sprite sprite = foregrounds.sprite(y, rng.nextLong(), split.isTest());
        double[] sr = foregrounds.scaleRange();
        double radius = 0.5 * s * rng.nextDouble(sr[0], sr[1]);
        double angle = Math.toRadians(rng.nextDouble(-1, 1) * foregrounds.maxRotationDegrees());
        double slack = Math.max(0, 0.5 * s - radius) * 0.8;
        double cx = 0.5 * s + rng.nextDouble(-1, 1) * slack;
        double cy = 0.5 * s + rng.nextDouble(-1, 1) * slack;
        boolean same = rng.nextDouble() < (correlation == null ? params.rho() : correlation.rho());
        int other = rng.nextInt(kk - 1);
        int paired = correlation == null ? y : correlation.pairedType(y);
        int bOwn = split == Split.GROUPS ? (index / kk) % kk : same ? paired : (other >= paired ? other + 1 : other);
        BackgroundTexture ownTexture = BackgroundTexture.sample(bOwn, rng);
        int bRand = rng.nextInt(kk);
        long freshSeed = rng.nextLong();

        int b = switch (variant) {
            case ONLY_FG -> -1;
            case MIXED_SAME -> y;
            case MIXED_RAND -> bRand;
            case MIXED_NEXT -> (y + 1) % kk;
            default -> bOwn;
        };
        labels[k] = y;
        bgClass[k] = b;

        // Background layer.
        switch (variant) {
            case ONLY_FG -> Arrays.fill(pixels, off, off + 3 * plane, 0f);
            case MIXED_SAME, MIXED_RAND, MIXED_NEXT ->
                BackgroundTexture.sample(b, RandomSource.XO_RO_SHI_RO_128_PP.create(freshSeed))
                        .render(pixels, off, s, params.backgroundContrast());
            default -> ownTexture.render(pixels, off, s, params.backgroundContrast());
        }

        // Object mask and shading, sampled at pixel centres in the object's frame.
        double c = Math.cos(angle);
        double sn = Math.sin(angle);
        int minX = s;
        int minY = s;
        int maxX = -1;
        int maxY = -1;
        float[] shade = new float[plane];
        for (int py = 0; py < s; py++) {
            for (int px = 0; px < s; px++) {
                double dx = (px + 0.5 - cx) / radius;
                double dy = (py + 0.5 - cy) / radius;
                double u = c * dx + sn * dy;
                double v = -sn * dx + c * dy;
                float g = Math.abs(u) <= 1 && Math.abs(v) <= 1 ? sprite.at(u, v) : Sprite.OUTSIDE;
                int p = py * s + px;
                if (g >= 0) {
                    shade[p] = g;
                    masks[moff + p] = 1f;
                    minX = Math.min(minX, px);
                    maxX = Math.max(maxX, px);
                    minY = Math.min(minY, py);
                    maxY = Math.max(maxY, py);
                } else {
                    shade[p] = -1f;
                }
            }
        }

        switch (variant) {
            case NO_FG -> {
                for (int p = 0; p < plane; p++) {
                    if (shade[p] >= 0) {
                        for (int ch = 0; ch < 3; ch++) {
                            pixels[off + ch * plane + p] = 0f;
                        }
                    }
                }
                clearMask(masks, moff, plane);
            }
            case ONLY_BG_B -> {
                for (int py = minY; py <= maxY; py++) {
                    for (int px = minX; px <= maxX; px++) {
                        for (int ch = 0; ch < 3; ch++) {
                            pixels[off + ch * plane + py * s + px] = 0f;
                        }
                    }
                }
                clearMask(masks, moff, plane);
            }
            case ONLY_BG_T -> clearMask(masks, moff, plane);
            default -> {
                double kfg = params.foregroundContrast();
                for (int p = 0; p < plane; p++) {
                    if (shade[p] >= 0) {
                        float fg = BackgroundTexture.clamp01(0.5 + 0.5 * kfg * shade[p]);
                        for (int ch = 0; ch < 3; ch++) {
                            pixels[off + ch * plane + p] = fg;
                        }
                    }
                }
            }
        }
    }

    private static void clearMask(float[] masks, int moff, int plane) {
        Arrays.fill(masks, moff, moff + plane, 0f);
    }
}
