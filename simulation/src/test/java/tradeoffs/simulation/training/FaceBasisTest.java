package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compressed-row products of {@link NewtonOnFace.Basis} against the dense triple loops written
 * out here (Pᵀg, Pθ, Pᵀx, PM, PᵀHP, PᵀP summed over every entry, zeros included): the same
 * numbers bit for bit, on a coordinate-selection basis with a tie column (the faces of ‖·‖₁ and
 * ‖·‖_∞, sparse) and on a dense one (a null-space basis).
 */
class FaceBasisTest {
    private static final int D = 13;

    @Test
    void sparseAndDenseBasesGiveTheDenseLoopsBitForBit() {
        Random rng = new Random(7);
        // a tie face: column 0 ties coordinates 2, 5, 9 (signs ±1), the other columns select one coordinate
        int k = D - 2;
        double[] selection = new double[D * k];
        selection[2 * k] = 1;
        selection[5 * k] = -1;
        selection[9 * k] = 1;
        int c = 1;
        for (int j = 0; j < D; j++) {
            if (j != 2 && j != 5 && j != 9) {
                selection[j * k + c++] = 1;
            }
        }
        double[] dense = new double[D * 7];
        for (int e = 0; e < dense.length; e++) {
            dense[e] = rng.nextGaussian();
        }
        for (double[] p : new double[][] {selection, dense}) {
            int kk = p.length / D;
            NewtonOnFace.Basis basis = new NewtonOnFace.Basis(p, D, null);
            double[] g = gaussian(rng, D);
            double[] theta = gaussian(rng, kk);
            double[] h = gaussian(rng, D * D);
            double[] m = gaussian(rng, kk * 3);
            double[] x = gaussian(rng, 2 * D);
            x[D + 4] = 0;
            assertArrayEquals(denseProject(p, g, kk), basis.project(g));
            assertArrayEquals(denseLift(p, theta, kk), basis.lift(theta));
            assertArrayEquals(denseProject(p, java.util.Arrays.copyOfRange(x, D, 2 * D), kk), basis.projectRow(x, D));
            assertArrayEquals(denseTimes(p, m, kk, 3), basis.times(m, 3));
            assertArrayEquals(denseProjectHessian(p, h, kk), basis.projectHessian(h));
            assertArrayEquals(denseProjectHessian(p, identity(), kk), basis.gramOfBasis());
        }
    }

    @Test
    void l2HessiansAreTheEntrywiseFormula() {
        double[] w = gaussian(new Random(3), D);
        double coef = 0.3;
        double nu = 0.5;
        double norm = tradeoffs.theory.norm.LpNorm.L2.norm(w);
        // coef · (δ_jk − w_j w_k/h²)/h with h = √(‖w‖² + ν²) (smoothed) and h = ‖w‖ (exact)
        for (double h : new double[] {Math.hypot(norm, nu), norm}) {
            double[] hess = gaussian(new Random(4), D * D);
            double[] expected = hess.clone();
            for (int j = 0; j < D; j++) {
                for (int k = 0; k < D; k++) {
                    expected[j * D + k] += coef * ((j == k ? 1 : 0) - w[j] * w[k] / (h * h)) / h;
                }
            }
            NormTerm term = h == norm ? new NormTerm.L2() : new NormTerm.SmoothL2(nu);
            term.addHessian(w, coef, hess);
            assertArrayEquals(expected, hess);
        }
    }

    private static double[] gaussian(Random rng, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double[] identity() {
        double[] id = new double[D * D];
        for (int j = 0; j < D; j++) {
            id[j * D + j] = 1;
        }
        return id;
    }

    private static double[] denseProject(double[] p, double[] g, int k) {
        double[] out = new double[k];
        for (int j = 0; j < D; j++) {
            for (int c = 0; c < k; c++) {
                out[c] += p[j * k + c] * g[j];
            }
        }
        return out;
    }

    private static double[] denseLift(double[] p, double[] theta, int k) {
        double[] out = new double[D];
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += p[j * k + c] * theta[c];
            }
            out[j] = s;
        }
        return out;
    }

    private static double[] denseTimes(double[] p, double[] m, int k, int width) {
        double[] out = new double[D * width];
        for (int j = 0; j < D; j++) {
            for (int c = 0; c < width; c++) {
                double v = 0;
                for (int l = 0; l < k; l++) {
                    v += p[j * k + l] * m[l * width + c];
                }
                out[j * width + c] = v;
            }
        }
        return out;
    }

    private static double[] denseProjectHessian(double[] p, double[] h, int k) {
        double[] hp = new double[D * k];
        for (int j = 0; j < D; j++) {
            for (int l = 0; l < D; l++) {
                for (int c = 0; c < k; c++) {
                    hp[j * k + c] += h[j * D + l] * p[l * k + c];
                }
            }
        }
        double[] out = new double[k * k];
        for (int j = 0; j < D; j++) {
            for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                    out[a * k + c] += p[j * k + a] * hp[j * k + c];
                }
            }
        }
        return out;
    }
}
