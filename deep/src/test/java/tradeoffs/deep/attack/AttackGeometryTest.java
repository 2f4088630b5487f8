package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Every attack's output lies in its ball around x and in the pixel box [0, 1]. */
class AttackGeometryTest extends SmallCnnImages {

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
