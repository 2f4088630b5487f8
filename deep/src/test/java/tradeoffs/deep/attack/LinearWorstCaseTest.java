package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/**
 * On a linear classifier f(x) = Wx + b the largest margin reachable in the ℓp ball is
 * max_{j≠y} (w_j − w_y)ᵀx + (b_j − b_y) + ε‖w_j − w_y‖_q (docs/math.md §10.6, derived), computed here
 * with the theory module's dual norm. The images are interior (pixels in [0.3, 0.7]) and ε is small
 * enough that x + δ* stays in [0, 1], so the box is inactive and the closed form is exact.
 */
class LinearWorstCaseTest {
    static final int C = 1;
    static final int H = 10;
    static final int W = 10;
    static final int D = C * H * W;

    record Case(PerturbationNorm norm, double eps) {}

    static final List<Case> CASES = List.of(
            new Case(PerturbationNorm.LINF, 0.05),
            new Case(PerturbationNorm.L2, 0.2),
            new Case(PerturbationNorm.L1, 0.2));

    @Test
    void binaryPgdAndFgsmReachTheClosedFormWorstCase() {
        check(
                2,
                n -> List.of(
                        exact(n).withLoss(AttackLoss.CROSS_ENTROPY),
                        exact(n).withLoss(AttackLoss.MARGIN),
                        exact(n).withLoss(AttackLoss.MARGIN)
                                .withRandomStart(n.norm() != PerturbationNorm.L2)
                                .withSteps(40)));
        check(2, n -> n.norm() == PerturbationNorm.LINF ? List.of(Pgd.fgsm(n.eps())) : List.of());
    }

    @Test
    void betaReachesTheClosedFormWorstCaseOverAllWrongClasses() {
        check(4, n -> List.of(new BetaAttack(exact(n))));
    }

    /** No random start, step ε/2: the worst-case vertex (ℓ∞, ℓ1) or direction (ℓ2) is reached in two steps. */
    static Pgd exact(Case c) {
        return new Pgd(c.norm(), c.eps(), 10, c.eps() / 2, false, 1, AttackLoss.MARGIN, Pgd.DEFAULT_L1_SPARSITY);
    }

    interface Attacks {
        List<Attack> of(Case c);
    }

    static void check(int k, Attacks attacks) {
        try (Classifier model = Classifier.create(Architecture.LINEAR, C, H, W, k, Device.cpu(), 3)) {
            List<Parameter> ps = new ArrayList<>(model.trainableParameters());
            float[] w = ps.get(0).getArray().toFloatArray(); // (K, D)
            float[] b = ps.get(1).getArray().toFloatArray(); // (K)
            SplittableRandom rng = new SplittableRandom(4);
            int n = 6;
            float[] x = new float[n * D];
            int[] y = new int[n];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextDouble(0.3, 0.7);
            }
            for (int i = 0; i < n; i++) {
                y[i] = i % k;
            }
            for (Case c : CASES) {
                for (Attack a : attacks.of(c)) {
                    AttackResult r = a.attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
                    for (int i = 0; i < n; i++) {
                        double want = Double.NEGATIVE_INFINITY;
                        double scale = 0;
                        for (int j = 0; j < k; j++) {
                            if (j == y[i]) {
                                continue;
                            }
                            double[] dw = new double[D];
                            double m = b[j] - b[y[i]];
                            for (int t = 0; t < D; t++) {
                                dw[t] = (double) w[j * D + t] - w[y[i] * D + t];
                                m += dw[t] * x[i * D + t];
                            }
                            double bonus = c.eps() * c.norm().lp().dualNorm(dw);
                            if (m + bonus > want) {
                                want = m + bonus;
                                scale = bonus;
                            }
                        }
                        double got = margin(w, b, r.adversarial(), i, y[i], k);
                        assertEquals(want, got, 1e-4 * Math.max(Math.abs(want), scale), a.describe() + " example " + i);
                        for (int t = 0; t < D; t++) {
                            float v = r.adversarial()[i * D + t];
                            assertTrue(v > 0 && v < 1, "box must be inactive in this test");
                        }
                    }
                }
            }
        }
    }

    static double margin(float[] w, float[] b, float[] xa, int i, int y, int k) {
        double best = Double.NEGATIVE_INFINITY;
        double fy = b[y];
        for (int t = 0; t < D; t++) {
            fy += (double) w[y * D + t] * xa[i * D + t];
        }
        for (int j = 0; j < k; j++) {
            if (j != y) {
                double f = b[j];
                for (int t = 0; t < D; t++) {
                    f += (double) w[j * D + t] * xa[i * D + t];
                }
                best = Math.max(best, f - fy);
            }
        }
        return best;
    }
}
