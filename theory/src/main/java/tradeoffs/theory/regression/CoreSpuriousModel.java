package tradeoffs.theory.regression;

import java.util.Arrays;
import tradeoffs.theory.ParameterException;

/**
 * The core/spurious model of docs/math.md §3.2 [derived construction]. Latent z ~ N(0, I_dc),
 * nuisance ξ ~ N(0, I_ds), label noise ν ~ N(0, 1), independent;
 * x_c = σ_c z, x_s = σ_s(η A z + √(1−η²) ξ), y = βᵀz + σ_n ν, and x = (x_c, x_s).
 *
 * <p>A is d_s × d_c with A_ij = 1 when j = i mod d_c, else 0: each spurious coordinate is tied to
 * one core coordinate with correlation η. For d_s ≤ d_c its rows are orthonormal, as in
 * docs/math.md §3.2; for d_s &gt; d_c several spurious coordinates share a core coordinate (our extension).
 * Then Σ_cc = σ_c² I, Σ_cs = σ_cσ_sη Aᵀ, Σ_ss = σ_s²(η² AAᵀ + (1−η²) I), b = (σ_c β, σ_sη Aβ),
 * v = ‖β‖² + σ_n². Least squares puts zero weight on x_s: w = (β/σ_c, 0).
 *
 * @param dimCore       d_c ≥ 1
 * @param dimSpurious   d_s ≥ 0
 * @param sigmaCore     σ_c &gt; 0, the scale (standard deviation) of each core feature
 * @param sigmaSpurious σ_s &gt; 0, the scale (standard deviation) of each spurious feature
 * @param eta           η ∈ (−1, 1), the correlation of a spurious feature with its core feature
 * @param noise         σ_n ≥ 0, the label-noise standard deviation
 * @param beta          β ∈ R^dc, the core signal (default: every entry 1/√d_c, so ‖β‖ = 1 and
 *                      β = 1 for d_c = 1)
 */
public record CoreSpuriousModel(
        int dimCore, int dimSpurious, double sigmaCore, double sigmaSpurious, double eta, double noise, double[] beta) {

    public CoreSpuriousModel {
        if (dimCore < 1) {
            throw new ParameterException("dim_core", "must be >= 1", dimCore);
        }
        if (dimSpurious < 0) {
            throw new ParameterException("dim_spurious", "must be >= 0", dimSpurious);
        }
        if (!(sigmaCore > 0) || Double.isInfinite(sigmaCore)) {
            throw new ParameterException("sigma_core", "must be > 0 and finite", sigmaCore);
        }
        if (!(sigmaSpurious > 0) || Double.isInfinite(sigmaSpurious)) {
            throw new ParameterException("sigma_spurious", "must be > 0 and finite", sigmaSpurious);
        }
        if (!(eta > -1.0 && eta < 1.0)) {
            throw new ParameterException(
                    "eta",
                    "must be in (-1, 1) (|eta| = 1 makes the spurious features exact copies and sigma singular)",
                    eta);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new ParameterException("noise", "must be >= 0 and finite", noise);
        }
        tradeoffs.theory.MemoryBudget.requireDenseModel(dimCore, dimSpurious);
        if (beta == null) {
            beta = defaultBeta(dimCore);
        } else {
            if (beta.length != dimCore) {
                throw new ParameterException("beta", "must have length dim_core = " + dimCore, beta.length);
            }
            for (double x : beta) {
                if (!Double.isFinite(x)) {
                    throw new ParameterException("beta", "entries must be finite", x);
                }
            }
            beta = beta.clone();
        }
    }

    /** The model with the default β (every entry 1/√d_c). */
    public CoreSpuriousModel(
            int dimCore, int dimSpurious, double sigmaCore, double sigmaSpurious, double eta, double noise) {
        this(dimCore, dimSpurious, sigmaCore, sigmaSpurious, eta, noise, null);
    }

    /** The two-feature model (d_c = d_s = 1, β = 1) of docs/math.md §3.2. */
    public static CoreSpuriousModel twoFeature(double sigmaCore, double sigmaSpurious, double eta, double noise) {
        return new CoreSpuriousModel(1, 1, sigmaCore, sigmaSpurious, eta, noise, null);
    }

    /** The project default: σ_c = 1, σ_s = 1, η = 0.6, σ_n = 0.5, d_c = d_s = 1. */
    public static CoreSpuriousModel defaults() {
        return twoFeature(1.0, 1.0, 0.6, 0.5);
    }

    private static double[] defaultBeta(int dc) {
        double[] b = new double[dc];
        Arrays.fill(b, 1.0 / Math.sqrt(dc));
        return b;
    }

    /** β (a copy). */
    @Override
    public double[] beta() {
        return beta.clone();
    }

    /** d = d_c + d_s. */
    public int dim() {
        return dimCore + dimSpurious;
    }

    /** The same model with a different spurious correlation η′ (e.g. a shifted test domain, docs/math.md §3.4). */
    public CoreSpuriousModel withEta(double etaPrime) {
        return new CoreSpuriousModel(dimCore, dimSpurious, sigmaCore, sigmaSpurious, etaPrime, noise, beta);
    }

    /** The core coordinate tied to spurious coordinate i (the column of the 1 in row i of A). */
    private int tiedCore(int i) {
        return i % dimCore;
    }

    /** (Σ, b, v) of the formula in the class comment. */
    public GaussianModel toGaussian() {
        int dc = dimCore;
        int d = dim();
        double[][] s = new double[d][d];
        double[] bb = new double[d];
        double beta2 = 0.0;
        for (int i = 0; i < dc; i++) {
            s[i][i] = sigmaCore * sigmaCore;
            bb[i] = sigmaCore * beta[i];
            beta2 += beta[i] * beta[i];
        }
        for (int i = 0; i < dimSpurious; i++) {
            int ci = tiedCore(i);
            int row = dc + i;
            s[ci][row] = sigmaCore * sigmaSpurious * eta;
            s[row][ci] = s[ci][row];
            for (int j = 0; j < dimSpurious; j++) {
                double aat = tiedCore(j) == ci ? 1.0 : 0.0;
                s[row][dc + j] = sigmaSpurious * sigmaSpurious * (eta * eta * aat + (i == j ? 1.0 - eta * eta : 0.0));
            }
            bb[row] = sigmaSpurious * eta * beta[ci];
        }
        return new GaussianModel(s, bb, beta2 + noise * noise);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoreSpuriousModel m
                && m.dimCore == dimCore
                && m.dimSpurious == dimSpurious
                && m.sigmaCore == sigmaCore
                && m.sigmaSpurious == sigmaSpurious
                && m.eta == eta
                && m.noise == noise
                && Arrays.equals(m.beta, beta);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {dimCore, dimSpurious, sigmaCore, sigmaSpurious, eta, noise}) * 31
                + Arrays.hashCode(beta);
    }

    @Override
    public String toString() {
        return "CoreSpuriousModel[d_c=" + dimCore + ", d_s=" + dimSpurious + ", sigma_c=" + sigmaCore + ", sigma_s="
                + sigmaSpurious + ", eta=" + eta + ", noise=" + noise + ", beta=" + Arrays.toString(beta) + "]";
    }
}
