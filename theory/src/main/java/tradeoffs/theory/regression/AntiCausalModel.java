package tradeoffs.theory.regression;

import tradeoffs.theory.ParameterException;

/**
 * The anti-causal model of docs/math.md §3.3 [derived construction]: y ~ N(0, 1),
 * x_c = a_c y + τ_c n_c (d_c coordinates), x_s = a_s y + τ_s n_s (d_s coordinates), with the n's
 * independent standard normal. Then Σ = a aᵀ + diag(τ²), b = a, v = 1, where a repeats a_c d_c
 * times and a_s d_s times. Standard least squares already uses x_s here.
 *
 * @param dimCore       d_c ≥ 1
 * @param dimSpurious   d_s ≥ 0
 * @param loadingCore   a_c (any finite value)
 * @param loadingSpurious a_s (any finite value)
 * @param noiseCore     τ_c &gt; 0, the noise standard deviation of each core feature
 * @param noiseSpurious τ_s &gt; 0, the noise standard deviation of each spurious feature
 */
public record AntiCausalModel(
        int dimCore,
        int dimSpurious,
        double loadingCore,
        double loadingSpurious,
        double noiseCore,
        double noiseSpurious) {

    public AntiCausalModel {
        if (dimCore < 1) {
            throw new ParameterException("dim_core", "must be >= 1", dimCore);
        }
        if (dimSpurious < 0) {
            throw new ParameterException("dim_spurious", "must be >= 0", dimSpurious);
        }
        if (!Double.isFinite(loadingCore)) {
            throw new ParameterException("a_core", "must be finite", loadingCore);
        }
        if (!Double.isFinite(loadingSpurious)) {
            throw new ParameterException("a_spurious", "must be finite", loadingSpurious);
        }
        if (!(noiseCore > 0) || Double.isInfinite(noiseCore)) {
            throw new ParameterException("tau_core", "must be > 0 and finite", noiseCore);
        }
        if (!(noiseSpurious > 0) || Double.isInfinite(noiseSpurious)) {
            throw new ParameterException("tau_spurious", "must be > 0 and finite", noiseSpurious);
        }
        tradeoffs.theory.MemoryBudget.requireDenseModel(dimCore, dimSpurious);
    }

    /** One core and one spurious feature. */
    public static AntiCausalModel twoFeature(
            double loadingCore, double loadingSpurious, double noiseCore, double noiseSpurious) {
        return new AntiCausalModel(1, 1, loadingCore, loadingSpurious, noiseCore, noiseSpurious);
    }

    public int dim() {
        return dimCore + dimSpurious;
    }

    /** (Σ, b, v) = (a aᵀ + diag(τ²), a, 1). */
    public GaussianModel toGaussian() {
        int d = dim();
        double[] a = new double[d];
        double[] tau = new double[d];
        for (int i = 0; i < d; i++) {
            boolean core = i < dimCore;
            a[i] = core ? loadingCore : loadingSpurious;
            tau[i] = core ? noiseCore : noiseSpurious;
        }
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i][j] = a[i] * a[j] + (i == j ? tau[i] * tau[i] : 0.0);
            }
        }
        return new GaussianModel(s, a, 1.0);
    }
}
