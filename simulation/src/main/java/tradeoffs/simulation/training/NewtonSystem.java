package tradeoffs.simulation.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;

/**
 * The Newton system H s = −g of one Newton run, solved by Cholesky (EJML's inner-product
 * factorisation, H = LLᵀ, then Lz = −g and Lᵀs = z) in storage kept across the run's steps: H is
 * written into {@link #hessian} by the caller, and the factor, the right-hand side and EJML's
 * decomposition object are reused, so a step allocates nothing of size k². The arithmetic is that
 * of theory.optim.DampedNewton#choleskyDirection (the same factorisation, the same triangular
 * solves and the same ridge repair), so the directions are the same bits; only the k × k
 * allocations and copies per step are gone (at d = 100 they were about a quarter of a fit's time).
 *
 * <p>Not thread-safe: one instance per Newton run.
 */
final class NewtonSystem {
    /** Relative size of the first ridge when round-off breaks definiteness, as DampedNewton. */
    private static final double FIRST_RIDGE = 1e-14;

    private static final int RIDGE_TRIES = 20;

    final int k;
    /** H, k × k row-major: the caller writes it before each {@link #direction}. */
    final double[] hessian;

    private final double[] factor;
    private final DMatrixRMaj factorMatrix;
    private final CholeskyDecompositionInner_DDRM cholesky = new CholeskyDecompositionInner_DDRM(true);

    NewtonSystem(int k) {
        this.k = k;
        this.hessian = new double[k * k];
        this.factor = new double[k * k];
        this.factorMatrix = DMatrixRMaj.wrap(k, k, factor);
    }

    /**
     * s = −H⁻¹g into {@code direction} for the symmetric positive definite H in {@link #hessian}
     * (not modified). When round-off breaks definiteness a ridge δI is added, δ = 10⁻¹⁴·max_j|H_jj|
     * and then ×100 per retry (20 tries); false if all fail or s is not finite
     * ({@code direction} is then left as it was).
     */
    boolean direction(double[] gradient, double[] direction) {
        double diag = 0;
        for (int j = 0; j < k; j++) {
            diag = Math.max(diag, Math.abs(hessian[j * k + j]));
        }
        double ridge = 0;
        for (int attempt = 0; attempt < RIDGE_TRIES; attempt++) {
            System.arraycopy(hessian, 0, factor, 0, k * k);
            for (int j = 0; j < k; j++) {
                factor[j * k + j] += ridge;
            }
            if (cholesky.decompose(factorMatrix)) {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = -gradient[j];
                }
                TriangularSolver_DDRM.solveL(factor, v, k);
                TriangularSolver_DDRM.solveTranL(factor, v, k);
                for (int j = 0; j < k; j++) {
                    if (!Double.isFinite(v[j])) {
                        return false;
                    }
                }
                System.arraycopy(v, 0, direction, 0, k);
                return true;
            }
            ridge = ridge == 0 ? FIRST_RIDGE * Math.max(diag, 1e-300) : ridge * 100;
        }
        return false;
    }
}
