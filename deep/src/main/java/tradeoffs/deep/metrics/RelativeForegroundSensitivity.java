package tradeoffs.deep.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;

/**
 * Relative foreground sensitivity (RIVAL10, Moayeri et al. 2022) [paper]: with
 * a_fg the accuracy when noise is added to the foreground only, a_bg when it is added to the
 * background only, and ā = (a_fg + a_bg)/2,
 * <pre>  RFS = (a_bg − a_fg) / (2·min(ā, 1 − ā))</pre>
 * RFS ∈ [−1, 1]; positive means the model relies more on the foreground, −1 that only the
 * background matters. Undefined (NaN) when ā ∈ {0, 1}.
 *
 * <p>The noise [ours: the form is a choice of this project]: i.i.d. N(0, σ²) added to every
 * channel of every pixel of the region (weighted by the mask m for the foreground, 1 − m for the
 * background), then clipped to [0,1]. Image i's noise at level index l is drawn from its own
 * seeded stream, so results do not depend on batching or threads.
 *
 * @param sigma       noise standard deviation σ (pixel units)
 * @param fgNoise     accuracy with foreground noise, a_fg
 * @param bgNoise     accuracy with background noise, a_bg
 */
public record RelativeForegroundSensitivity(double sigma, Accuracy fgNoise, Accuracy bgNoise) {

    /** Which part of the image gets noise. */
    public enum Region {
        FOREGROUND,
        BACKGROUND
    }

    /** RFS = (a_bg − a_fg) / (2 min(ā, 1 − ā)). */
    public double value() {
        return rfs(fgNoise.value(), bgNoise.value());
    }

    /** RFS from the two accuracies; NaN when their mean is 0 or 1. */
    public static double rfs(double accFgNoise, double accBgNoise) {
        double mean = (accFgNoise + accBgNoise) / 2;
        double d = 2 * Math.min(mean, 1 - mean);
        return d <= 0 ? Double.NaN : (accBgNoise - accFgNoise) / d;
    }

    /**
     * RFS of {@code predictor} on {@code images} (which need foreground masks) at each noise
     * level in {@code sigmas}.
     */
    public static RelativeForegroundSensitivity[] evaluate(
            Predictor predictor, ImageSet images, double[] sigmas, long seed) {
        RelativeForegroundSensitivity[] out = new RelativeForegroundSensitivity[sigmas.length];
        for (int l = 0; l < sigmas.length; l++) {
            ImageSet fg = addNoise(images, sigmas[l], Region.FOREGROUND, Seeds.of(seed, l, 0));
            ImageSet bg = addNoise(images, sigmas[l], Region.BACKGROUND, Seeds.of(seed, l, 1));
            out[l] = new RelativeForegroundSensitivity(
                    sigmas[l], Accuracy.of(predictor, fg), Accuracy.of(predictor, bg));
        }
        return out;
    }

    /**
     * A copy of {@code images} with N(0, σ²) noise in {@code region}: x' = clamp01(x + w·z) with
     * z ~ N(0, σ²) per pixel and channel, w = m (foreground) or 1 − m (background).
     */
    public static ImageSet addNoise(ImageSet images, double sigma, Region region, long seed) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be >= 0 and finite (got " + sigma + ")");
        }
        if (images.foregroundMask() == null) {
            throw new IllegalArgumentException("RFS needs foreground masks, and " + images.name() + " has none");
        }
        float[] src = images.pixels();
        float[] mask = images.foregroundMask();
        float[] dst = src.clone();
        int len = images.imageLength();
        int plane = images.maskLength();
        int channels = images.channels();
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(seed, 0, i));
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < plane; p++) {
                    double z = gauss.sample() * sigma;
                    float m = mask[i * plane + p];
                    double w = region == Region.FOREGROUND ? m : 1 - m;
                    if (w > 0) {
                        int k = i * len + c * plane + p;
                        double v = src[k] + w * z;
                        dst[k] = (float) (v < 0 ? 0 : v > 1 ? 1 : v);
                    }
                }
            }
        });
        String tag = region == Region.FOREGROUND ? "fg" : "bg";
        return images.withPixels(images.name() + "+" + tag + "_noise(" + sigma + ")", dst);
    }

    /** Columns {@code noise_sigma, acc_fg_noise, acc_bg_noise, rfs}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("noise_sigma", sigma);
        m.put("acc_fg_noise", fgNoise.value());
        m.put("acc_bg_noise", bgNoise.value());
        m.put("rfs", value());
        return m;
    }
}
