package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The least-squares solve of the certificate's band signs ({@link DualCertificate#leastSquares}):
 * by QR with full column rank, by the pseudo-inverse's minimum-norm solution without. Reference
 * values by hand from the normal equations.
 */
class DualCertificateLeastSquaresTest {
    /**
     * A = [[1, 0], [0, 1], [1, 1]], b = (1, 2, 4): AᵀA = [[2, 1], [1, 2]], Aᵀb = (5, 6), so
     * s = (1/3)[[2, −1], [−1, 2]](5, 6) = (4/3, 7/3) (the system is inconsistent: residual ≠ 0).
     */
    @Test
    void fullColumnRankGivesTheNormalEquationsSolution() {
        DMatrixRMaj a = new DMatrixRMaj(3, 2, true, 1, 0, 0, 1, 1, 1);
        DMatrixRMaj b = new DMatrixRMaj(3, 1, true, 1, 2, 4);
        DMatrixRMaj s = DualCertificate.leastSquares(a, b);
        assertArrayEquals(new double[] {4.0 / 3, 7.0 / 3}, s.data, 1e-14);
        // neither argument modified
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 1}, a.data, 0);
        assertArrayEquals(new double[] {1, 2, 4}, b.data, 0);
    }

    /**
     * Two equal columns a = (1, 2, 0) (rank one; QR's second pivot is zero): every s with
     * s₁ + s₂ = aᵀb/aᵀa = 1/5 for b = (1, 0, 3) is a least-squares solution, and the minimum-norm
     * one is s₁ = s₂ = 1/10.
     */
    @Test
    void rankDeficientGivesTheMinimumNormSolution() {
        DMatrixRMaj a = new DMatrixRMaj(3, 2, true, 1, 1, 2, 2, 0, 0);
        DMatrixRMaj b = new DMatrixRMaj(3, 1, true, 1, 0, 3);
        DMatrixRMaj s = DualCertificate.leastSquares(a, b);
        assertArrayEquals(new double[] {0.1, 0.1}, s.data, 1e-14);
    }
}
