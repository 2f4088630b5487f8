package tradeoffs.deep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import tradeoffs.theory.ParameterException;

/**
 * Per-channel input normalisation x ↦ (x − mean_c) / std_c, applied inside the model wrapper so
 * that attacks, ε and the pixel box [0, 1] stay in pixel space (as the backgrounds challenge's
 * {@code NormalizedModel} does for its ResNets).
 *
 * @param mean one value per channel
 * @param std  one value per channel, each finite and &gt; 0
 */
public record Normalization(double[] mean, double[] std) {

    /** torchvision's ImageNet statistics, mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    public static Normalization imageNet() {
        return new Normalization(new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    }

    /** No normalisation (mean 0, std 1) for {@code channels} channels. */
    public static Normalization none(int channels) {
        double[] m = new double[channels];
        double[] s = new double[channels];
        Arrays.fill(s, 1);
        return new Normalization(m, s);
    }

    public Normalization {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
            throw new ParameterException(
                    "std",
                    "must have one value per channel, as many as mean",
                    (std == null ? 0 : std.length) + " values for " + (mean == null ? 0 : mean.length) + " means");
        }
        mean = mean.clone();
        std = std.clone();
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new ParameterException("mean", "must be finite", m);
            }
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new ParameterException("std", "must be > 0 and finite", s);
            }
        }
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** True when this is the identity (mean 0, std 1 everywhere). */
    public boolean isIdentity() {
        for (int c = 0; c < mean.length; c++) {
            if (mean[c] != 0 || std[c] != 1) {
                return false;
            }
        }
        return true;
    }

    /** (x − mean)/std for a batch (N, C, H, W) with C = {@link #channels()}, differentiable in x. */
    public NDArray apply(NDArray x, NDManager manager) {
        int c = channels();
        float[] m = new float[c];
        float[] s = new float[c];
        for (int i = 0; i < c; i++) {
            m[i] = (float) mean[i];
            s[i] = (float) std[i];
        }
        NDArray mu = manager.create(m, new Shape(1, c, 1, 1));
        NDArray sigma = manager.create(s, new Shape(1, c, 1, 1));
        return x.sub(mu).div(sigma);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
