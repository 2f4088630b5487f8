package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/** Every attack's output lies in its ball around x and in the pixel box [0, 1]. */
class AttackGeometryTest {
    static Classifier model;
    static float[] x;
    static int[] y;

    @BeforeAll
    static void setUp() {
        model = Classifier.create(Architecture.CNN, 3, 8, 8, 3, Device.cpu(), 1);
        SplittableRandom rng = new SplittableRandom(2);
        int n = 12;
        x = new float[n * 3 * 8 * 8];
        for (int i = 0; i < x.length; i++) {
            // many pixels at or near the bounds so the box matters
            double u = rng.nextDouble();
            x[i] = u < 0.2 ? 0f : (u > 0.8 ? 1f : (float) rng.nextDouble());
        }
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    @Test
    void everyAttackStaysInItsBallAndTheBox() {
        List<Attack> attacks = List.of(
                Pgd.fgsm(0.1),
                Pgd.of(PerturbationNorm.LINF, 0.1, 4).withRestarts(2),
                Pgd.of(PerturbationNorm.L2, 0.8, 4).withRestarts(2).withLoss(AttackLoss.MARGIN),
                Pgd.of(PerturbationNorm.L1, 3.0, 4).withRestarts(2),
                Pgd.of(PerturbationNorm.L1, 3.0, 4).withStepSize(10.0).withLoss(AttackLoss.MARGIN),
                new BetaAttack(Pgd.of(PerturbationNorm.L2, 0.8, 3)),
                new BetaAttack(Pgd.of(PerturbationNorm.L1, 3.0, 3)));
        int d = model.imageSize();
        for (Attack a : attacks) {
            AttackResult r = a.attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
            int[] pred = model.predict(r.adversarial(), y.length);
            for (int i = 0; i < y.length; i++) {
                double[] delta = new double[d];
                for (int j = 0; j < d; j++) {
                    float v = r.adversarial()[i * d + j];
                    assertTrue(v >= 0f && v <= 1f, a.describe() + ": pixel outside [0,1]: " + v);
                    delta[j] = (double) v - x[i * d + j];
                }
                double norm = a.norm().norm(delta, 0, d);
                // float32 pixels: each coordinate carries up to 2^-24 relative rounding
                double tol = 1e-6 * Math.max(1, a.eps()) * (a.norm() == PerturbationNorm.LINF ? 1 : d);
                assertTrue(norm <= a.eps() + tol, a.describe() + ": ‖δ‖ = " + norm + " > ε = " + a.eps());
                if (pred[i] != y[i]) {
                    assertTrue(r.fooled()[i], a.describe() + ": a misclassified output must be flagged as fooled");
                }
            }
        }
    }
}
