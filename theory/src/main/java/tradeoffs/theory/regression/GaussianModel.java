package tradeoffs.theory.regression;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.optim.UpdatableCholesky;

/**
 * A zero-mean jointly Gaussian pair (x, y), x ∈ R^d, given by its second moments
 * (docs/math.md §3.1): Σ = Cov(x), b = Cov(x, y), v = Var(y).
 *
 * <p>Validated on construction: Σ square, symmetric and positive definite (EJML Cholesky), b of
 * length d, v ≥ 0, and the joint covariance [[Σ, b], [bᵀ, v]] positive semidefinite, which given
 * Σ ≻ 0 means the least-squares residual variance v − bᵀΣ⁻¹b is ≥ 0. Arrays are copied in and
 * out, so the model is immutable. The Cholesky factor of the validation is kept for the solvers
 * in high dimension (it costs d²/2 more doubles; the factorisation itself, O(d³/3), is the one
 * cubic step of a high-dimensional model).
 */
public final class GaussianModel {

    /** Relative slack for symmetry and for v − bᵀΣ⁻¹b ≥ 0 (rounding in a noiseless model). */
    static final double TOLERANCE = 1e-10;

    private final double[][] sigma;
    private final double[] b;
    private final double v;
    /** Σ = LLᵀ (never modified after validation). */
    private final UpdatableCholesky cholesky;
    /** The rows of Lᵀ for {@link #solve(double[][])}, made on first use (a cache: not part of the value). */
    private final AtomicReference<double[][]> transposedFactor = new AtomicReference<>();

    /**
     * @param sigma Σ = Cov(x), d × d
     * @param b     Cov(x, y), length d
     * @param v     Var(y)
     */
    public GaussianModel(double[][] sigma, double[] b, double v) {
        if (sigma == null) {
            throw new ParameterException("sigma", "must be given", null);
        }
        if (b == null) {
            throw new ParameterException("b", "must be given", null);
        }
        int d = sigma.length;
        if (d == 0) {
            throw new ParameterException("sigma", "must be at least 1 x 1", "0 x 0");
        }
        if (b.length != d) {
            throw new ParameterException("b", "must have length " + d + " to match sigma", b.length);
        }
        double[][] s = new double[d][];
        double scale = 0.0;
        for (int i = 0; i < d; i++) {
            if (sigma[i] == null || sigma[i].length != d) {
                throw new ParameterException(
                        "sigma",
                        "must be square " + d + " x " + d,
                        "row " + i + " with " + (sigma[i] == null ? 0 : sigma[i].length) + " entries");
            }
            s[i] = sigma[i].clone();
            for (double x : s[i]) {
                if (!Double.isFinite(x)) {
                    throw new ParameterException("sigma", "entries must be finite", x);
                }
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (double x : b) {
            if (!Double.isFinite(x)) {
                throw new ParameterException("b", "entries must be finite", x);
            }
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new ParameterException("v", "must be >= 0 and finite", v);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(s[i][j] - s[j][i]) > TOLERANCE * scale) {
                    throw new ParameterException(
                            "sigma",
                            "must be symmetric",
                            "sigma[" + i + "][" + j + "] = " + s[i][j] + " but sigma[" + j + "][" + i + "] = "
                                    + s[j][i]);
                }
            }
        }
        double[] bc = b.clone();
        UpdatableCholesky factor = new UpdatableCholesky();
        if (!factor.factor(s, d)) {
            throw new ParameterException(
                    "sigma", "must be symmetric positive definite", "a matrix whose Cholesky factorisation fails");
        }
        double[] y = factor.forward(bc); // L y = b, then bᵀΣ⁻¹b = ‖y‖²
        double explained = 0.0;
        for (double x : y) {
            explained += x * x;
        }
        if (v - explained < -TOLERANCE * Math.max(v, 1.0)) {
            throw new ParameterException(
                    "v",
                    "must be >= b' sigma^-1 b = " + explained
                            + " (the joint covariance of (x, y) must be positive semidefinite)",
                    v);
        }
        this.sigma = s;
        this.b = bc;
        this.v = v;
        this.cholesky = factor;
    }

    /** Σ without copying (package use: the solvers read it in place). */
    double[][] rows() {
        return sigma;
    }

    /** b without copying. */
    double[] covariance() {
        return b;
    }

    /** L⁻¹x with Σ = LLᵀ (‖L⁻¹x‖² = xᵀΣ⁻¹x). */
    double[] whiten(double[] x) {
        return cholesky.forward(x);
    }

    /** xᵀΣ⁻¹x = ‖L⁻¹x‖², one triangular solve (O(d²), four rows of L a pass). */
    double inverseQuadraticForm(double[] x) {
        return cholesky.inverseQuadraticForm(x);
    }

    /** Σ⁻¹x by two triangular solves, O(d²). */
    double[] solve(double[] x) {
        return cholesky.solve(x);
    }

    /**
     * Σ⁻¹x_m for several vectors in one pass over L and its transpose (about the cost of one
     * {@link #solve(double[])}); the rows of Lᵀ (d² numbers) are made on the first call and kept.
     */
    double[][] solve(double[][] x) {
        double[][] t = transposedFactor.get();
        if (t == null) {
            transposedFactor.compareAndSet(null, cholesky.transposedRows());
            t = transposedFactor.get();
        }
        return cholesky.solve(x, t);
    }

    /** The number of features d. */
    public int dim() {
        return b.length;
    }

    /** Σ = Cov(x) (a copy). */
    public double[][] sigma() {
        double[][] out = new double[sigma.length][];
        for (int i = 0; i < sigma.length; i++) {
            out[i] = sigma[i].clone();
        }
        return out;
    }

    /** b = Cov(x, y) (a copy). */
    public double[] b() {
        return b.clone();
    }

    /** v = Var(y). */
    public double v() {
        return v;
    }

    /** Σ_ij without copying. */
    public double sigma(int i, int j) {
        return sigma[i][j];
    }

    /** b_i without copying. */
    public double b(int i) {
        return b[i];
    }

    /** Σ as an EJML matrix (a copy). */
    public DMatrixRMaj sigmaMatrix() {
        return new DMatrixRMaj(sigma);
    }

    /** wᵀb. */
    public double crossMoment(double[] w) {
        checkLength(w);
        double s = 0.0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * b[i];
        }
        return s;
    }

    /** wᵀΣw. */
    public double quadraticForm(double[] w) {
        checkLength(w);
        double s = 0.0;
        for (int i = 0; i < w.length; i++) {
            double r = 0.0;
            double[] row = sigma[i];
            for (int j = 0; j < w.length; j++) {
                r += row[j] * w[j];
            }
            s += w[i] * r;
        }
        return s;
    }

    /**
     * s(w)² = Var(y − wᵀx) = v − 2wᵀb + wᵀΣw (docs/math.md §2.2), clamped at 0 against rounding.
     */
    public double residualVariance(double[] w) {
        return Math.max(0.0, v - 2.0 * crossMoment(w) + quadraticForm(w));
    }

    /**
     * The model of (x_I, y) for the coordinates I (in the given order): Σ_II, b_I, v. Minimising
     * R_ε over it is minimising over w with w_i = 0 outside I (used for claim 4, docs/math.md §5.3).
     */
    public GaussianModel marginal(int... indices) {
        double[][] s = new double[indices.length][indices.length];
        double[] bb = new double[indices.length];
        for (int a = 0; a < indices.length; a++) {
            for (int c = 0; c < indices.length; c++) {
                s[a][c] = sigma[indices[a]][indices[c]];
            }
            bb[a] = b[indices[a]];
        }
        return new GaussianModel(s, bb, v);
    }

    /** The least-squares (ε = 0) weights Σ⁻¹b. */
    public double[] leastSquares() {
        DMatrixRMaj x = new DMatrixRMaj(dim(), 1);
        if (!CommonOps_DDRM.solveSPD(sigmaMatrix(), new DMatrixRMaj(dim(), 1, true, b), x)) {
            throw new ParameterException(
                    "sigma", "must be symmetric positive definite", "a matrix whose Cholesky factorisation fails");
        }
        return x.getData().clone();
    }

    private void checkLength(double[] w) {
        if (w.length != b.length) {
            throw new ParameterException("w", "must have length " + b.length, w.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianModel m && m.v == v && Arrays.equals(m.b, b) && Arrays.deepEquals(m.sigma, sigma);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(sigma) + Arrays.hashCode(b)) + Double.hashCode(v);
    }

    @Override
    public String toString() {
        return "GaussianModel[Sigma=" + Arrays.deepToString(sigma) + ", b=" + Arrays.toString(b) + ", v=" + v + "]";
    }
}
