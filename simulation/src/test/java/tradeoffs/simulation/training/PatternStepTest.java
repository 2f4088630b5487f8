package tradeoffs.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.sample.Sample;

/**
 * {@link PatternStep} (the KKT step of a pattern from the factor of S by a rank-two update)
 * against an independent route: the Hessian 2K = 2(S − ε(uτᵀ + τuᵀ) + ε²ττᵀ) formed entry by
 * entry from its definition, and the whole KKT system
 *
 * <pre>  [2K  Aᵀ] [δ]   [−g]
 *   [A   0 ] [λ] = [ 0]</pre>
 *
 * solved by EJML's dense LU, with A the zero coordinates' e_j and the held rows' x_i.
 */
class PatternStepTest {
    @Test
    void agreesWithTheDenseKktSystem() {
        for (int k : new int[] {0, 3, 7, 12}) {
            Sample s = HardSamples.sample(k);
            SufficientStatistics stats = new SufficientStatistics(s);
            SignClasses classes = new SignClasses(stats);
            int d = stats.d;
            SplittableRandom rng = new SplittableRandom(100 + k);
            double eps = 0.1 + 0.2 * rng.nextDouble();
            boolean[] zero = new boolean[d];
            double[] tau = new double[d];
            int nz = 0;
            for (int j = 0; j < d; j++) {
                zero[j] = rng.nextDouble() < 0.3 && nz < d / 3;
                if (zero[j]) {
                    nz++;
                } else {
                    tau[j] = rng.nextBoolean() ? 1 : -1;
                }
            }
            int[] held = rng.ints(0, stats.n)
                    .distinct()
                    .limit(Math.max(0, (d - nz) / 2))
                    .toArray();
            double[] u = new double[d];
            for (int i = 0; i < stats.n; i++) {
                double sigma = rng.nextBoolean() ? 1 : -1;
                for (int j = 0; j < d; j++) {
                    u[j] += sigma * s.x(i, j) / stats.n;
                }
            }
            // F_P's gradient at a random w, g = −2(c − Sw) − 2au + 2ᾱετ with a = ετᵀw and a
            // random ᾱ > 0, c and Sw summed over the sample's rows here (direction() solves
            // S⁻¹g from w_LS = S⁻¹c, S⁻¹u and S⁻¹τ instead of from g)
            double[] w = rng.doubles(d, -1, 1).toArray();
            double alpha0 = 0;
            for (int j = 0; j < d; j++) {
                alpha0 += eps * tau[j] * w[j];
            }
            double meanAlpha = 0.5 + rng.nextDouble();
            double[] g = new double[d];
            for (int j = 0; j < d; j++) {
                double residualMoment = 0;
                for (int i = 0; i < stats.n; i++) {
                    double r = s.y()[i];
                    for (int l = 0; l < d; l++) {
                        r -= s.x(i, l) * w[l];
                    }
                    residualMoment += s.x(i, j) * r;
                }
                g[j] = -2 * residualMoment / stats.n - 2 * alpha0 * u[j] + 2 * meanAlpha * eps * tau[j];
            }
            double[] p = new double[d];
            for (int j = 0; j < d; j++) {
                p[j] = eps * tau[j] - u[j];
            }
            PatternStep step = new PatternStep(stats, classes);
            double[] delta = new double[d];
            // twice: the second call reuses the cached S⁻¹a and must give the same step
            for (int round = 0; round < 2; round++) {
                assertTrue(step.direction(g, p, u, w, alpha0, meanAlpha, eps, tau, zero, held, delta), "sample " + k);
                assertNotNull(step.lambda);
                double[] ref = dense(stats, s, eps, tau, u, g, zero, held);
                double scale = 0;
                for (double v : ref) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < d; j++) {
                    assertEquals(ref[j], delta[j], 1e-9 * scale, "sample " + k + " δ_" + j);
                }
                for (int a = 0; a < step.lambda.length; a++) {
                    assertEquals(ref[d + a], step.lambda[a], 1e-9 * scale + 1e-9 * Math.abs(ref[d + a]), "λ_" + a);
                }
            }
        }
    }

    /** [δ; λ] from the dense KKT system (zero coordinates in increasing order, then held rows). */
    private static double[] dense(
            SufficientStatistics stats,
            Sample s,
            double eps,
            double[] tau,
            double[] u,
            double[] g,
            boolean[] zero,
            int[] held) {
        int d = stats.d;
        int nz = 0;
        for (boolean z : zero) {
            if (z) {
                nz++;
            }
        }
        int nc = nz + held.length;
        int size = d + nc;
        DMatrixRMaj kkt = new DMatrixRMaj(size, size);
        DMatrixRMaj rhs = new DMatrixRMaj(size, 1);
        for (int i = 0; i < d; i++) {
            rhs.set(i, 0, -g[i]);
            for (int j = 0; j < d; j++) {
                double sij = 0;
                for (int r = 0; r < stats.n; r++) {
                    sij += s.x(r, i) * s.x(r, j);
                }
                sij /= stats.n;
                double kij = sij - eps * (u[i] * tau[j] + tau[i] * u[j]) + eps * eps * tau[i] * tau[j];
                kkt.set(i, j, 2 * kij);
            }
        }
        int c = d;
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                kkt.set(c, j, 1);
                kkt.set(j, c, 1);
                c++;
            }
        }
        for (int h : held) {
            for (int j = 0; j < d; j++) {
                kkt.set(c, j, s.x(h, j));
                kkt.set(j, c, s.x(h, j));
            }
            c++;
        }
        DMatrixRMaj sol = new DMatrixRMaj(size, 1);
        assertTrue(CommonOps_DDRM.solve(kkt, rhs, sol));
        return sol.data.clone();
    }
}
