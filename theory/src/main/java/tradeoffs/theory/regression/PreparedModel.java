package tradeoffs.theory.regression;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * A Gaussian model with what every solve needs computed once: Σ as rows, the eigen-decomposition
 * of Σ (EJML), the least-squares weights and their residual variance. Immutable, so one instance
 * serves many threads and a whole ε grid.
 */
final class PreparedModel {
    private final GaussianModel model;
    final int d;
    final double[][] sigma;
    final double[] b;
    final double v;
    /** Eigenvalues λ_k of Σ, ascending order not guaranteed. */
    final double[] eigenvalues;
    /** Eigenvectors as rows: q[k] is the k-th unit eigenvector. */
    final double[][] eigenvectors;
    /** β_k = q_kᵀ b. */
    final double[] projectedB;
    final double lambdaMin;
    final double lambdaMax;
    final double[] leastSquares;
    final double leastSquaresResidualSd;
    /** √(bᵀΣ⁻¹b / λ_min): a bound on ‖w* − w_LS‖ (see {@link OptimalityCertificate}). */
    final double minimiserRadius;

    PreparedModel(GaussianModel model) {
        this.model = model;
        this.d = model.dim();
        this.sigma = model.sigma();
        this.b = model.b();
        this.v = model.v();
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(model.sigmaMatrix())) {
            throw new IllegalStateException("eigen-decomposition of Sigma failed");
        }
        eigenvalues = new double[d];
        eigenvectors = new double[d][];
        projectedB = new double[d];
        double lmin = Double.POSITIVE_INFINITY;
        double lmax = 0.0;
        double[] ls = new double[d];
        double explained = 0.0;
        for (int k = 0; k < d; k++) {
            eigenvalues[k] = eig.getEigenvalue(k).getReal();
            eigenvectors[k] = eig.getEigenVector(k).getData().clone();
            double norm = 0.0;
            for (double x : eigenvectors[k]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double beta = 0.0;
            for (int i = 0; i < d; i++) {
                eigenvectors[k][i] /= norm;
                beta += eigenvectors[k][i] * b[i];
            }
            projectedB[k] = beta;
            lmin = Math.min(lmin, eigenvalues[k]);
            lmax = Math.max(lmax, eigenvalues[k]);
            explained += beta * beta / eigenvalues[k];
        }
        lambdaMin = lmin;
        lambdaMax = lmax;
        double[] lsSolve = model.leastSquares();
        System.arraycopy(lsSolve, 0, ls, 0, d);
        leastSquares = ls;
        double ls2 = model.residualVariance(ls);
        // noiseless models: treat the rounding residue of v − bᵀΣ⁻¹b as the exact 0 it is
        leastSquaresResidualSd = ls2 <= 1e-14 * Math.max(v, Double.MIN_NORMAL) ? 0.0 : Math.sqrt(ls2);
        minimiserRadius = Math.sqrt(Math.max(0.0, explained) / lmin);
    }

    GaussianModel model() {
        return model;
    }

    /** True when the model is noiseless: least squares fits y exactly (s(w_LS) ≈ 0). */
    boolean noiseless() {
        return leastSquaresResidualSd == 0.0;
    }

    /**
     * s(w)² = s(w_LS)² + (w − w_LS)ᵀΣ(w − w_LS), the same value as v − 2wᵀb + wᵀΣw (THEORY.md §1.3)
     * written so that it keeps its relative accuracy near the least-squares fit.
     */
    double residualVariance(double[] w) {
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

    /** out = Σw − b. */
    void gradient(double[] w, double[] out) {
        for (int i = 0; i < d; i++) {
            double r = -b[i];
            double[] row = sigma[i];
            for (int j = 0; j < d; j++) {
                r += row[j] * w[j];
            }
            out[i] = r;
        }
    }
}
