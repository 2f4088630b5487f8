package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.optim.DampedNewton;

class NewtonSystemTest {
    /** A random symmetric positive definite k × k matrix AᵀA + k·I. */
    private static double[] spd(int k, SplittableRandom rng) {
        double[] a = new double[k * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble(-1, 1);
        }
        double[] h = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = i == j ? k : 0;
                for (int r = 0; r < k; r++) {
                    s += a[r * k + i] * a[r * k + j];
                }
                h[i * k + j] = s;
            }
        }
        return h;
    }

    @Test
    void solvesEachSystemWrittenIntoTheReusedStorage() {
        // reference: the residual H s + g, formed by a plain product (an independent check of s)
        SplittableRandom rng = new SplittableRandom(7);
        int k = 37;
        NewtonSystem system = new NewtonSystem(k);
        for (int round = 0; round < 3; round++) {
            double[] h = spd(k, rng);
            double[] g = rng.doubles(k, -1, 1).toArray();
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            double[] s = new double[k];
            assertTrue(system.direction(g, s));
            assertArrayEquals(h, system.hessian, 0.0, "H is not modified");
            for (int i = 0; i < k; i++) {
                double r = g[i];
                for (int j = 0; j < k; j++) {
                    r += h[i * k + j] * s[j];
                }
                assertEquals(0.0, r, 1e-12, "row " + i + " of H s + g, round " + round);
            }
        }
    }

    @Test
    void agreesWithEjmlsCholeskyThroughDampedNewton() {
        // an independent implementation: EJML's inner-product Cholesky behind
        // DampedNewton.choleskyDirection, on an ill-conditioned matrix (condition ~ 1e6)
        SplittableRandom rng = new SplittableRandom(11);
        int k = 100;
        NewtonSystem system = new NewtonSystem(k);
        for (int round = 0; round < 2; round++) {
            double[] h = spd(k, rng);
            for (int j = 0; j < k; j++) {
                h[j * k + j] += round == 0 ? 0 : 1e6 * (j == 0 ? 1 : 0);
            }
            double[] g = rng.doubles(k, -1, 1).toArray();
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            double[] mine = new double[k];
            double[] theirs = new double[k];
            assertTrue(system.direction(g, mine));
            assertTrue(DampedNewton.choleskyDirection(h, g, k, theirs));
            for (int j = 0; j < k; j++) {
                assertEquals(theirs[j], mine[j], 1e-12 * Math.max(1, Math.abs(theirs[j])), "entry " + j);
            }
        }
    }

    @Test
    void theRangeSpaceDirectionSolvesTheKktSystem() {
        // reference: the (k + h) × (k + h) KKT system [H Aᵀ; A 0][s; λ] = [−g; 0] solved by EJML's
        // general (LU) solver, an independent route to the same s
        SplittableRandom rng = new SplittableRandom(5);
        int k = 30;
        int h = 4;
        NewtonSystem system = new NewtonSystem(k);
        double[] hm = spd(k, rng);
        System.arraycopy(hm, 0, system.hessian, 0, k * k);
        double[][] held = new double[h][];
        for (int a = 0; a < h; a++) {
            held[a] = rng.doubles(k, -1, 1).toArray();
        }
        double[] g = rng.doubles(k, -1, 1).toArray();
        double[] s = new double[k];
        assertTrue(system.directionWithHeldRows(g, held, s));
        org.ejml.data.DMatrixRMaj kkt = new org.ejml.data.DMatrixRMaj(k + h, k + h);
        org.ejml.data.DMatrixRMaj rhs = new org.ejml.data.DMatrixRMaj(k + h, 1);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                kkt.set(i, j, hm[i * k + j]);
            }
            for (int a = 0; a < h; a++) {
                kkt.set(i, k + a, held[a][i]);
                kkt.set(k + a, i, held[a][i]);
            }
            rhs.set(i, 0, -g[i]);
        }
        org.ejml.data.DMatrixRMaj sol = new org.ejml.data.DMatrixRMaj(k + h, 1);
        assertTrue(org.ejml.dense.row.CommonOps_DDRM.solve(kkt, rhs, sol));
        for (int j = 0; j < k; j++) {
            assertEquals(sol.get(j, 0), s[j], 1e-12 * Math.max(1, Math.abs(sol.get(j, 0))), "entry " + j);
        }
        for (int a = 0; a < h; a++) {
            double as = 0;
            for (int j = 0; j < k; j++) {
                as += held[a][j] * s[j];
            }
            assertEquals(0.0, as, 1e-13, "held row " + a + " keeps its residual");
        }
    }

    @Test
    void repairsASingularMatrixWithARidgeAndRejectsNaN() {
        NewtonSystem system = new NewtonSystem(2);
        // [[1, 1], [1, 1]] is singular: the ridge makes it definite; H s = −g to ~ the ridge
        System.arraycopy(new double[] {1, 1, 1, 1}, 0, system.hessian, 0, 4);
        double[] s = new double[2];
        assertTrue(system.direction(new double[] {1, 1}, s));
        assertEquals(-1.0, s[0] + s[1], 1e-6);
        System.arraycopy(new double[] {Double.NaN, 0, 0, 1}, 0, system.hessian, 0, 4);
        double[] t = {5, 5};
        assertFalse(system.direction(new double[] {1, 1}, t));
        assertArrayEquals(new double[] {5, 5}, t, 0.0, "left as it was");
    }

    /**
     * The panel form of the factorisation gives the factor of the textbook outer-product form
     * (Golub &amp; Van Loan, Algorithm 4.2.2: one axpy a_ic −= U_ji U_jc per pivot j and row i,
     * written out below) bit for bit, for sizes with every remainder of the panel of four and
     * with a ridge.
     */
    @Test
    void panelFactorIsTheOuterProductFactorBitForBit() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int k : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 64, 100, 101}) {
            double[] h = spd(k, rng);
            NewtonSystem system = new NewtonSystem(k);
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            assertTrue(system.factor(), "k = " + k);
            double[][] u = new double[k][k];
            for (int i = 0; i < k; i++) {
                System.arraycopy(h, i * k + i, u[i], i, k - i);
            }
            for (int j = 0; j < k; j++) {
                u[j][j] = Math.sqrt(u[j][j]);
                double inv = 1 / u[j][j];
                for (int c = j + 1; c < k; c++) {
                    u[j][c] *= inv;
                }
                for (int i = j + 1; i < k; i++) {
                    for (int c = i; c < k; c++) {
                        u[i][c] -= u[j][i] * u[j][c];
                    }
                }
            }
            double[][] got = system.factorRows();
            for (int i = 0; i < k; i++) {
                for (int c = i; c < k; c++) {
                    assertEquals(
                            Double.doubleToLongBits(u[i][c]),
                            Double.doubleToLongBits(got[i][c]),
                            "k = " + k + ", entry " + i + ", " + c);
                }
            }
        }
    }

    /**
     * The exact factor (no ridge) and the static solve give the same bits as EJML's inner-product
     * Cholesky (CholeskyDecompositionInner_DDRM, lower) followed by TriangularSolver_DDRM.solveL and
     * solveTranL, the route SufficientStatistics took before (an independent implementation of the
     * same algorithm with the same order of operations per entry), for sizes with every remainder of
     * the panel; and a matrix that is not positive definite is refused, not repaired by a ridge.
     */
    @Test
    void exactFactorAndSolveMatchEjmlsCholeskyBitForBit() {
        SplittableRandom rng = new SplittableRandom(23);
        for (int k : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13, 20, 64, 100, 101}) {
            double[] h = spd(k, rng);
            NewtonSystem system = new NewtonSystem(k);
            System.arraycopy(h, 0, system.hessian, 0, k * k);
            assertTrue(system.factorExactly(), "k = " + k);
            org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM chol =
                    new org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM(true);
            assertTrue(chol.decompose(org.ejml.data.DMatrixRMaj.wrap(k, k, h.clone())));
            double[] l = chol.getT(null).data;
            double[][] u = system.factorRows();
            for (int i = 0; i < k; i++) {
                for (int c = i; c < k; c++) {
                    assertEquals(
                            Double.doubleToLongBits(l[c * k + i]),
                            Double.doubleToLongBits(u[i][c]),
                            "k = " + k + ", U entry " + i + ", " + c);
                }
            }
            double[] v = rng.doubles(k, -1, 1).toArray();
            double[] theirs = v.clone();
            org.ejml.dense.row.decomposition.TriangularSolver_DDRM.solveL(l, theirs, k);
            org.ejml.dense.row.decomposition.TriangularSolver_DDRM.solveTranL(l, theirs, k);
            NewtonSystem.solve(u, k, v);
            for (int j = 0; j < k; j++) {
                assertEquals(
                        Double.doubleToLongBits(theirs[j]), Double.doubleToLongBits(v[j]), "k = " + k + ", entry " + j);
            }
        }
        NewtonSystem singular = new NewtonSystem(2);
        System.arraycopy(new double[] {1, 1, 1, 1}, 0, singular.hessian, 0, 4);
        assertFalse(singular.factorExactly(), "[[1, 1], [1, 1]] is refused, not given a ridge");
    }
}
