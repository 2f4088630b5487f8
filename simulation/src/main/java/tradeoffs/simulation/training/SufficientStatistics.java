package tradeoffs.simulation.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.sample.Sample;

/**
 * The sample and the moments that make the smooth part of the finite-sample objective cheap
 * (docs/math.md (finite-sample adversarial training)): S = XᵀX/n, c = Xᵀy/n and ȳ² = ‖y‖²/n, so
 * that the mean squared residual is m₂(w) = (1/n)‖y − Xw‖² = wᵀSw − 2cᵀw + ȳ² in O(d²), and the
 * Cholesky factor of S. Immutable once built: every fit reads it, none writes it.
 */
final class SufficientStatistics {
    final Sample sample;
    final int n;
    final int d;
    final double[] x;
    final double[] y;
    /** S = XᵀX/n, row-major. */
    final double[] gram;
    /** c = Xᵀy/n. */
    final double[] xty;
    /** ȳ² = ‖y‖²/n. */
    final double yy;
    /** The lower Cholesky factor L of S (S = LLᵀ), row-major d×d. */
    private final double[] cholesky;

    SufficientStatistics(Sample sample) {
        this.sample = sample;
        this.n = sample.n();
        this.d = sample.d();
        this.x = sample.x();
        this.y = sample.y();
        DMatrixRMaj xm = DMatrixRMaj.wrap(n, d, x);
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multInner(xm, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        DMatrixRMaj c = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.multTransA(xm, DMatrixRMaj.wrap(n, 1, y), c);
        CommonOps_DDRM.scale(1.0 / n, c);
        this.gram = s.data;
        this.xty = c.data;
        double acc = 0;
        for (double v : y) {
            acc += v * v;
        }
        this.yy = acc / n;
        CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
        if (!chol.decompose(s.copy())) {
            throw new ParameterException("n", "must be >= d = " + d
                    + " with X'X positive definite (the under-determined regime is not supported)", n);
        }
        this.cholesky = chol.getT(null).data;
    }

    /** S⁻¹ rhs (a new array; rhs is not modified). */
    double[] solveGram(double[] rhs) {
        double[] v = rhs.clone();
        TriangularSolver_DDRM.solveL(cholesky, v, d);
        TriangularSolver_DDRM.solveTranL(cholesky, v, d);
        return v;
    }

    /** m₂(w) = wᵀSw − 2cᵀw + ȳ² from the moments: no pass over the data. */
    double meanSquaredResidual(double[] w) {
        double s = yy;
        for (int j = 0; j < d; j++) {
            double row = 0;
            for (int k = 0; k < d; k++) {
                row += gram[j * d + k] * w[k];
            }
            s += w[j] * row - 2 * xty[j] * w[j];
        }
        return s;
    }

    /** r = y − Xw into {@code out} (one pass; the two-feature case unrolled). */
    double[] residuals(double[] w, double[] out) {
        if (d == 2) {
            double w0 = w[0];
            double w1 = w[1];
            for (int i = 0; i < n; i++) {
                out[i] = y[i] - x[2 * i] * w0 - x[2 * i + 1] * w1;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int off = i * d;
                double s = y[i];
                for (int j = 0; j < d; j++) {
                    s -= x[off + j] * w[j];
                }
                out[i] = s;
            }
        }
        return out;
    }

    /** r_i = y_i − x_iᵀw. */
    double residual(double[] w, int i) {
        double r = y[i];
        for (int j = 0; j < d; j++) {
            r -= x[i * d + j] * w[j];
        }
        return r;
    }
}
