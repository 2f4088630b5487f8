package tradeoffs.theory.regression;

import static tradeoffs.theory.optim.Vectors.dot;

import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import tradeoffs.theory.norm.LpNorm;

/**
 * The ℓ2 ridge fixed point of {@link RidgeFixedPoint} (docs/math.md §4.2) in high dimension, on a Krylov basis
 * instead of the eigen-decomposition of Σ. Lanczos with full reorthogonalisation from b (Golub
 * and Van Loan, <i>Matrix Computations</i>, 4th ed., 2013, §10.1) gives an orthonormal V_m with
 * VᵀΣV = T_m tridiagonal; with the Ritz pairs T_m = Σ_k θ_k y_k y_kᵀ (Commons Math's tridiagonal
 * eigen solver) and β_k = ‖b‖(y_k)₁, the Galerkin solution of (Σ + λI)w = b on span V_m is
 * w_m(λ) = Σ_k (V y_k) β_k/(θ_k + λ) — the same formula as the eigen route, so the fixed point
 * runs unchanged on ({@link RidgeFixedPoint.Spectrum}) (θ_k, β_k) with s_LS² = v − Σ_k β_k²/θ_k,
 * and s, n are exact for w_m. Its residual is ‖(Σ + λI)w_m − b‖ = ‖b‖·β_m·|Σ_k (y_k)₁(y_k)_m/(θ_k + λ)|
 * (β_m the next off-diagonal); the basis grows until that is ≤ 10⁻¹⁴‖b‖ at the fixed point's λ
 * (at m = d, or when β_m vanishes, w_m is exact).
 *
 * <p>Cost: one product with Σ and O(dm) reorthogonalisation per basis vector, where m is about
 * the number of conjugate-gradient steps (Σ + λI) needs (√κ·log(1/tol)); a built basis and its
 * Ritz pairs (O(m³), computed once with the basis) serve every later ε of the model, which then
 * costs the scalar root search, w = V_m z (O(dm)) and the certificate, whose Σw − b is
 * Σ_k z_k(Σv_k) from the kept products (O(dm), docs/math.md §4.2, §4.9 [derived]) and whose only
 * O(d²) part is one triangular solve. Immutable: a larger basis is a new object, installed by
 * {@link PreparedModel#krylov} without locks.
 */
final class KrylovRidge {
    private static final int FIRST_SIZE = 24;
    private static final double TOLERANCE = 1e-14;

    private final PreparedModel pm;
    /** Orthonormal basis vectors v_1 … v_m (rows). */
    private final double[][] basis;
    /**
     * The products Σv_1 … Σv_m (rows), kept from the Lanczos steps: Σw for w = V_m z is then
     * Σ_k z_k(Σv_k), O(dm) instead of a pass over Σ (docs/math.md §4.2, §4.9 [derived]).
     */
    private final double[][] products;

    private final double[] alpha;
    /** beta[j] couples v_j and v_{j+1}; beta[m − 1] is the residual coupling (0: invariant subspace). */
    private final double[] beta;

    private final int m;
    private final double bNorm;
    /** The Ritz pairs of this basis, computed once with it (every later ε of the model reuses them). */
    private final Ritz ritz;

    KrylovRidge(PreparedModel pm) {
        this(pm, new double[0][], new double[0][], new double[0], new double[0], 0, LpNorm.L2.norm(pm.b), FIRST_SIZE);
    }

    private KrylovRidge(
            PreparedModel pm,
            double[][] basis,
            double[][] products,
            double[] alpha,
            double[] beta,
            int m,
            double bNorm,
            int size) {
        this.pm = pm;
        this.bNorm = bNorm;
        int d = pm.d;
        int target = Math.min(size, d);
        double[][] v = Arrays.copyOf(basis, target + 1);
        double[][] sv = Arrays.copyOf(products, target);
        double[] a = Arrays.copyOf(alpha, target);
        double[] bt = Arrays.copyOf(beta, target);
        int k = m;
        if (k == 0) {
            v[0] = pm.b.clone();
            for (int i = 0; i < d; i++) {
                v[0][i] /= bNorm;
            }
        }
        while (k < target && (k == 0 || bt[k - 1] > 0)) {
            double[] u = new double[d];
            pm.accumulateProduct(v[k], u);
            sv[k] = u.clone();
            a[k] = dot(v[k], u);
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j <= k; j++) {
                    double c = dot(v[j], u);
                    for (int i = 0; i < d; i++) {
                        u[i] -= c * v[j][i];
                    }
                }
            }
            double norm = LpNorm.L2.norm(u);
            bt[k] = norm <= 1e-15 * Math.abs(a[k]) ? 0.0 : norm;
            if (bt[k] > 0 && k + 1 <= target) {
                for (int i = 0; i < d; i++) {
                    u[i] /= norm;
                }
                v[k + 1] = u;
            }
            k++;
        }
        this.basis = v;
        this.products = sv;
        this.alpha = a;
        this.beta = bt;
        this.m = k;
        this.ritz = ritz(a, bt, k, bNorm, pm.v);
    }

    /** The ℓ2 solution at ε (w = 0 and ε = 0 are handled by the caller), growing the basis until it is exact to rounding. */
    AdversarialSolution solve(double eps) {
        KrylovRidge k = this;
        while (true) {
            Ritz ritz = k.ritz;
            RidgeFixedPoint.Spectrum spectrum = new RidgeFixedPoint.Spectrum(
                    ritz.values, ritz.projected, ritz.leastSquaresResidualSd, pm.lambdaMaxBound);
            double lambda = RidgeFixedPoint.penalty(spectrum, eps);
            boolean exact = k.m == pm.d || k.beta[k.m - 1] == 0.0 || ritz.residual(lambda) <= TOLERANCE * bNorm;
            if (exact) {
                double[] z = k.coefficients(ritz, lambda);
                double[] w = k.combine(k.basis, z);
                double[] gradient = k.combine(k.products, z);
                for (int i = 0; i < pm.d; i++) {
                    gradient[i] -= pm.b[i];
                }
                return AdversarialSolution.of(pm, LpNorm.L2, eps, w, gradient, "ridge-fixed-point (Krylov)");
            }
            k = k.grown();
        }
    }

    /** A basis twice as large (capped at d), installed in the prepared model for later solves. */
    private KrylovRidge grown() {
        KrylovRidge larger = new KrylovRidge(pm, basis, products, alpha, beta, m, bNorm, Math.min(pm.d, 2 * m));
        pm.offerKrylov(this, larger);
        return larger;
    }

    /**
     * The Ritz pairs of T_m (main diagonal alpha, off-diagonal beta, size m) and what the fixed point
     * needs from them. O(m³) (Commons Math's tridiagonal QL with vectors), so computed once per
     * basis, not per solve.
     */
    private static Ritz ritz(double[] alpha, double[] beta, int m, double bNorm, double v) {
        double[] main = Arrays.copyOf(alpha, m);
        double[] off = Arrays.copyOf(beta, Math.max(0, m - 1));
        EigenDecomposition eig = new EigenDecomposition(main, off);
        RealMatrix y = eig.getV();
        double[] theta = eig.getRealEigenvalues();
        double[] projected = new double[m];
        double[] last = new double[m];
        double explained = 0.0;
        for (int j = 0; j < m; j++) {
            projected[j] = bNorm * y.getEntry(0, j);
            last[j] = y.getEntry(m - 1, j);
            explained += projected[j] * projected[j] / theta[j];
        }
        double ls2 = v - explained;
        double lsSd = ls2 <= 1e-14 * Math.max(v, Double.MIN_NORMAL) ? 0.0 : Math.sqrt(ls2);
        return new Ritz(theta, projected, last, y, lsSd, beta[m - 1]);
    }

    private record Ritz(
            double[] values,
            double[] projected,
            double[] last,
            RealMatrix vectors,
            double leastSquaresResidualSd,
            double nextBeta) {
        /** ‖(Σ + λI)w_m − b‖ = β_m |Σ_k β_k (y_k)_m/(θ_k + λ)|. */
        double residual(double lambda) {
            double s = 0.0;
            for (int j = 0; j < values.length; j++) {
                s += projected[j] * last[j] / (values[j] + lambda);
            }
            return nextBeta * Math.abs(s);
        }
    }

    /** z = Σ_k y_k β_k/(θ_k + λ), the coordinates of w_m(λ) = V_m z in the basis. */
    private double[] coefficients(Ritz ritz, double lambda) {
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            double c = ritz.projected[j] / (ritz.values[j] + lambda);
            for (int i = 0; i < m; i++) {
                z[i] += c * ritz.vectors.getEntry(i, j);
            }
        }
        return z;
    }

    /**
     * Σ_i z_i rows_i over the first m rows: w = V_m z from the basis, and Σw = Σ_i z_i(Σv_i) from
     * the kept products (linearity: the product of the same combination, with its own rounding).
     */
    private double[] combine(double[][] rows, double[] z) {
        double[] out = new double[pm.d];
        for (int i = 0; i < m; i++) {
            double zi = z[i];
            double[] r = rows[i];
            for (int j = 0; j < pm.d; j++) {
                out[j] += zi * r[j];
            }
        }
        return out;
    }

    /** The basis size m. */
    int size() {
        return m;
    }
}
