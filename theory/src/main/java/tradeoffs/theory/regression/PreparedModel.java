package tradeoffs.theory.regression;

import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A Gaussian model with what every solve needs computed once, immutable, so one instance serves
 * many threads and a whole ε grid. Two regimes:
 * <ul>
 *   <li>d ≤ {@link #EIGEN_MAX_DIM}: the eigen-decomposition of Σ (EJML) up front; the ℓ2 fixed
 *       point runs on it and the certificate bounds ‖w* − w_LS‖ with λ_min(Σ);</li>
 *   <li>above: nothing cubic beyond the Cholesky factor Σ = LLᵀ the model's validation computed
 *       (the eigen-decomposition costs about 27 times as much); least squares, bᵀΣ⁻¹b and the
 *       certificate's Σ⁻¹-norms come from triangular solves, the ℓ2 fixed point from a Krylov
 *       basis ({@link KrylovRidge}, built on the first ℓ2 solve), and the eigen-decomposition is
 *       computed only if a noiseless model's certificate asks for it.</li>
 * </ul>
 */
final class PreparedModel {
    /** Up to this dimension the eigen-decomposition is computed up front (see the class comment). */
    static final int EIGEN_MAX_DIM = 100;

    private final GaussianModel model;
    final int d;
    /** Σ as rows (the model's own array: read only). */
    final double[][] sigma;

    final double[] b;
    final double v;
    /** True in the eigen regime (d ≤ {@link #EIGEN_MAX_DIM}). */
    final boolean eigenRegime;

    final double[] leastSquares;
    /**
     * Σw_LS − b, least squares' rounding residual (high-dimensional regime; null in the eigen
     * regime): what the pattern step's one-pass KKT check adds back ({@link SignPattern}).
     */
    final double[] leastSquaresGradient;

    final double leastSquaresResidualSd;
    /** bᵀΣ⁻¹b = v − s(w_LS)² + (rounding). */
    final double explainedVariance;
    /** An upper bound on λ_max(Σ): λ_max itself in the eigen regime, Gershgorin's max_i Σ_j |Σ_ij| above. */
    final double lambdaMaxBound;

    private final AtomicReference<Eigen> eigen = new AtomicReference<>();
    private final AtomicReference<KrylovRidge> krylov = new AtomicReference<>();

    /**
     * The eigen-decomposition Σ = Σ_k λ_k q_k q_kᵀ and what depends on it.
     *
     * @param values          λ_k (ascending order not guaranteed)
     * @param vectors         q_k as rows (unit length)
     * @param projectedB      β_k = q_kᵀb
     * @param lambdaMin       min λ_k
     * @param lambdaMax       max λ_k
     * @param minimiserRadius √(bᵀΣ⁻¹b / λ_min): a bound on ‖w* − w_LS‖ (see {@link OptimalityCertificate})
     */
    record Eigen(
            double[] values,
            double[][] vectors,
            double[] projectedB,
            double lambdaMin,
            double lambdaMax,
            double minimiserRadius) {}

    PreparedModel(GaussianModel model) {
        this(model, model.dim() <= EIGEN_MAX_DIM);
    }

    /** With the regime chosen by the caller (tests run both regimes on one model). */
    PreparedModel(GaussianModel model, boolean eigenRegime) {
        this.model = model;
        this.d = model.dim();
        this.sigma = model.rows();
        this.b = model.covariance();
        this.v = model.v();
        this.eigenRegime = eigenRegime;
        double[] ls;
        double explained;
        if (eigenRegime) {
            Eigen e = decompose();
            eigen.set(e);
            ls = model.leastSquares();
            explained = 0.0;
            for (int k = 0; k < d; k++) {
                explained += e.projectedB()[k] * e.projectedB()[k] / e.values()[k];
            }
            lambdaMaxBound = e.lambdaMax();
        } else {
            double[] y = model.whiten(b);
            explained = 0.0;
            for (double x : y) {
                explained += x * x;
            }
            ls = model.solve(b);
            double bound = 0.0;
            for (double[] row : sigma) {
                double r = 0.0;
                for (double x : row) {
                    r += Math.abs(x);
                }
                bound = Math.max(bound, r);
            }
            lambdaMaxBound = bound;
        }
        leastSquares = ls;
        if (eigenRegime) {
            leastSquaresGradient = null;
        } else {
            leastSquaresGradient = new double[d];
            gradient(ls, leastSquaresGradient);
        }
        explainedVariance = Math.max(0.0, explained);
        double ls2 = model.residualVariance(ls);
        // noiseless models: treat the rounding residue of v − bᵀΣ⁻¹b as the exact 0 it is
        leastSquaresResidualSd = ls2 <= 1e-14 * Math.max(v, Double.MIN_NORMAL) ? 0.0 : Math.sqrt(ls2);
    }

    private Eigen decompose() {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(model.sigmaMatrix())) {
            throw new IllegalStateException("eigen-decomposition of Sigma failed");
        }
        double[] values = new double[d];
        double[][] vectors = new double[d][];
        double[] projected = new double[d];
        double lmin = Double.POSITIVE_INFINITY;
        double lmax = 0.0;
        double explained = 0.0;
        for (int k = 0; k < d; k++) {
            values[k] = eig.getEigenvalue(k).getReal();
            vectors[k] = eig.getEigenVector(k).getData().clone();
            double norm = 0.0;
            for (double x : vectors[k]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double beta = 0.0;
            for (int i = 0; i < d; i++) {
                vectors[k][i] /= norm;
                beta += vectors[k][i] * b[i];
            }
            projected[k] = beta;
            lmin = Math.min(lmin, values[k]);
            lmax = Math.max(lmax, values[k]);
            explained += beta * beta / values[k];
        }
        return new Eigen(values, vectors, projected, lmin, lmax, Math.sqrt(Math.max(0.0, explained) / lmin));
    }

    /** The eigen-decomposition: up front in the eigen regime, computed on first use above (once, without locks). */
    Eigen eigen() {
        Eigen e = eigen.get();
        if (e == null) {
            eigen.compareAndSet(null, decompose());
            e = eigen.get();
        }
        return e;
    }

    /** The Krylov basis of the ℓ2 fixed point (high-dimensional regime), built on first use. */
    KrylovRidge krylov() {
        KrylovRidge k = krylov.get();
        if (k == null) {
            krylov.compareAndSet(null, new KrylovRidge(this));
            k = krylov.get();
        }
        return k;
    }

    /** Installs a grown Krylov basis unless another thread got there first. */
    void offerKrylov(KrylovRidge current, KrylovRidge larger) {
        krylov.compareAndSet(current, larger);
    }

    GaussianModel model() {
        return model;
    }

    /** True when the model is noiseless: least squares fits y exactly (s(w_LS) ≈ 0). */
    boolean noiseless() {
        return leastSquaresResidualSd == 0.0;
    }

    /** ‖L⁻¹h‖₂ = √(hᵀΣ⁻¹h) with Σ = LLᵀ (the model's Cholesky factor). */
    double inverseNorm(double[] h) {
        return Math.sqrt(model.inverseQuadraticForm(h));
    }

    /**
     * s(w)² = s(w_LS)² + (w − w_LS)ᵀΣ(w − w_LS), the same value as v − 2wᵀb + wᵀΣw (docs/math.md §2.2)
     * written so that it keeps its relative accuracy near the least-squares fit.
     */
    double residualVariance(double[] w) {
        if (!eigenRegime) {
            double[] diff = new double[d];
            for (int i = 0; i < d; i++) {
                diff[i] = w[i] - leastSquares[i];
            }
            double[] u = new double[d];
            accumulateProduct(diff, u);
            double q = 0.0;
            for (int i = 0; i < d; i++) {
                q += diff[i] * u[i];
            }
            return leastSquaresResidualSd * leastSquaresResidualSd + Math.max(0.0, q);
        }
        double q = 0.0;
        for (int i = 0; i < d; i++) {
            double[] row = sigma[i];
            double r = 0.0;
            for (int j = 0; j < d; j++) {
                r += row[j] * (w[j] - leastSquares[j]);
            }
            q += (w[i] - leastSquares[i]) * r;
        }
        return leastSquaresResidualSd * leastSquaresResidualSd + Math.max(0.0, q);
    }

    /**
     * s(w)² as {@link #residualVariance} and out = Σw − b as {@link #gradient}, bit for bit, with
     * one pass over Σ above {@link #EIGEN_MAX_DIM} instead of two ({@link #accumulateProducts}:
     * each column of Σ serves both products while it is in cache; the sums of each product run in
     * the same order as alone). What every certified solution needs (its s and its KKT residual,
     * docs/math.md §4.9).
     */
    double residualVarianceAndGradient(double[] w, double[] out) {
        if (eigenRegime) {
            gradient(w, out);
            return residualVariance(w);
        }
        double[] diff = new double[d];
        for (int i = 0; i < d; i++) {
            diff[i] = w[i] - leastSquares[i];
            out[i] = -b[i];
        }
        double[] u = new double[d];
        accumulateProducts(diff, u, w, out);
        double q = 0.0;
        for (int i = 0; i < d; i++) {
            q += diff[i] * u[i];
        }
        return leastSquaresResidualSd * leastSquaresResidualSd + Math.max(0.0, q);
    }

    /**
     * s(w)² = s(w_LS)² + (w − w_LS)ᵀ(g − (Σw_LS − b)) from a given g = Σw − b, in O(d)
     * (docs/math.md §4.9 [derived]: Σ(w − w_LS) = (Σw − b) − (Σw_LS − b)), or NaN when that could be
     * less accurate than {@link #residualVariance}: the difference of the two gradients loses about
     * u·(‖b‖₂ + λ̄‖w‖₂)·‖w − w_LS‖₂ to cancellation (u the unit roundoff, λ̄ ≥ λ_max(Σ) the
     * Gershgorin bound), against about u·λ̄‖w − w_LS‖₂² for the product Σ(w − w_LS) itself, so the
     * value is returned only when the first is at most four times the second plus u·s(w)² (near
     * w_LS, where the cancellation would cost digits, the caller falls back to the pass over Σ).
     * Never in the eigen regime or for a noiseless model.
     */
    double residualVarianceFromGradient(double[] w, double[] g) {
        if (eigenRegime || noiseless()) {
            return Double.NaN;
        }
        double q = 0.0;
        double diff2 = 0.0;
        double w2 = 0.0;
        double b2 = 0.0;
        for (int i = 0; i < d; i++) {
            double diff = w[i] - leastSquares[i];
            q += diff * (g[i] - leastSquaresGradient[i]);
            diff2 += diff * diff;
            w2 += w[i] * w[i];
            b2 += b[i] * b[i];
        }
        double s2 = leastSquaresResidualSd * leastSquaresResidualSd + Math.max(0.0, q);
        double cancelled = (Math.sqrt(b2) + lambdaMaxBound * Math.sqrt(w2)) * Math.sqrt(diff2);
        return cancelled <= 4 * lambdaMaxBound * diff2 + s2 ? s2 : Double.NaN;
    }

    /**
     * out = Σw − b. Above {@link #EIGEN_MAX_DIM} as a sum of the columns Σ_·j w_j over the non-zero
     * w_j (vectorisable, and O(d·|support|) for sparse w); below, row by row (the historic order of
     * the sums, which the low-dimensional outputs are pinned to).
     */
    void gradient(double[] w, double[] out) {
        if (!eigenRegime) {
            for (int i = 0; i < d; i++) {
                out[i] = -b[i];
            }
            accumulateProduct(w, out);
            return;
        }
        for (int i = 0; i < d; i++) {
            double r = -b[i];
            double[] row = sigma[i];
            for (int j = 0; j < d; j++) {
                r += row[j] * w[j];
            }
            out[i] = r;
        }
    }

    /**
     * outX += Σx and outY += Σy in one pass over Σ: the same operations, in the same order, as
     * {@code accumulateProduct(x, outX); accumulateProduct(y, outY)} (so the same bits), with each
     * column read once.
     */
    void accumulateProducts(double[] x, double[] outX, double[] y, double[] outY) {
        for (int j = 0; j < d; j++) {
            double xj = x[j];
            double yj = y[j];
            double[] column = sigma[j];
            if (xj != 0.0 && yj != 0.0) {
                for (int i = 0; i < d; i++) {
                    double c = column[i];
                    outX[i] += xj * c;
                    outY[i] += yj * c;
                }
            } else if (xj != 0.0) {
                for (int i = 0; i < d; i++) {
                    outX[i] += xj * column[i];
                }
            } else if (yj != 0.0) {
                for (int i = 0; i < d; i++) {
                    outY[i] += yj * column[i];
                }
            }
        }
    }

    /** out += Σx, column by column (Σ is symmetric: column j is row j), skipping x_j = 0. */
    void accumulateProduct(double[] x, double[] out) {
        for (int j = 0; j < d; j++) {
            double xj = x[j];
            if (xj != 0.0) {
                double[] column = sigma[j];
                for (int i = 0; i < d; i++) {
                    out[i] += xj * column[i];
                }
            }
        }
    }
}
