package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * The device implementation of PGD against a plain JVM implementation of the same step rules
 * ({@link JvmReferencePgd}): on the CPU, ℓ∞ and ℓ2 trajectories agree bit for bit (both keep δ in
 * double precision and sum rows in index order); ℓ1 agrees to rounding (its projection sorts on the
 * device). Also: the result of the attack does not depend on how many restarts or trajectories
 * share the batch.
 */
class PgdOnDeviceTest extends SmallCnnImages {
    static final List<Pgd> ATTACKS = List.of(
            Pgd.of(PerturbationNorm.LINF, 0.1, 5),
            Pgd.of(PerturbationNorm.LINF, 0.1, 4).withLoss(AttackLoss.MARGIN).withRandomStart(false),
            Pgd.of(PerturbationNorm.L2, 0.8, 5),
            Pgd.of(PerturbationNorm.L2, 0.8, 4).withLoss(AttackLoss.MARGIN).withRandomStart(false),
            Pgd.of(PerturbationNorm.L1, 4.0, 5),
            Pgd.of(PerturbationNorm.L1, 4.0, 4).withLoss(AttackLoss.MARGIN).withRandomStart(false));

    @Test
    void finalIteratesMatchTheJvmReference() {
        for (Pgd pgd : ATTACKS) {
            float[] want = JvmReferencePgd.finalIterates(pgd, model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
            AttackResult got = pgd.attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
            if (pgd.norm() == PerturbationNorm.L1) {
                // Rounding of θ in the sorted-breakpoint projection differs in the last bits.
                assertArrayEquals(want, got.adversarial(), 1e-5f, pgd.describe());
            } else {
                assertArrayEquals(want, got.adversarial(), 0f, pgd.describe() + ": bit for bit");
            }
        }
    }

    @Test
    void moreRestartsKeepTheFirstRestartAndNeverFoolFewer() {
        for (Pgd pgd : ATTACKS) {
            if (!pgd.randomStart()) {
                continue;
            }
            AttackResult one = pgd.attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
            AttackResult three = pgd.withRestarts(3).attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
            float[] first =
                    JvmReferencePgd.finalIterates(pgd, model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(8L));
            float tol = pgd.norm() == PerturbationNorm.L1 ? 1e-5f : 0f;
            assertArrayEquals(first, one.adversarial(), tol, pgd.describe());
            for (int i = 0; i < y.length; i++) {
                assertTrue(!one.fooled()[i] || three.fooled()[i], pgd.describe() + " example " + i);
                assertTrue(
                        three.objective()[i] >= one.objective()[i] || three.fooled()[i],
                        pgd.describe() + ": the kept restart is at least as damaging, example " + i);
            }
        }
    }

    @Test
    void perturbIsTheAttacksImageWithoutTheFinalPass() {
        for (Pgd pgd : ATTACKS) {
            AttackResult full = pgd.attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(4L));
            try (ai.djl.ndarray.NDManager m = model.manager().newSubManager()) {
                float[] images = pgd.perturb(
                                model,
                                m.create(x, model.inputShape(y.length)),
                                InputGradient.labels(m, y),
                                RandomSource.XO_RO_SHI_RO_128_PP.create(4L))
                        .toFloatArray();
                assertArrayEquals(full.adversarial(), images, 0f, pgd.describe());
            }
        }
    }

    @Test
    void stackedBetaTargetsEqualOneTargetAtATime() {
        // BETA stacks its K − 1 targets in one batch; each target run alone, with the stream at the same
        // position, must give the same final margins (rows do not interact in inference mode).
        Pgd pgd = Pgd.of(PerturbationNorm.L2, 0.8, 4);
        AttackResult beta = new BetaAttack(pgd).attack(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(6L));
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        double[] best = new double[y.length];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int shift = 1; shift < model.numClasses(); shift++) {
            int s = shift;
            double[] starts = pgd.drawStarts(y.length, model.imageSize(), rng);
            try (ai.djl.ndarray.NDManager m = model.manager().newSubManager();
                    PgdEngine e = new PgdEngine(
                            model,
                            pgd,
                            m.create(x, model.inputShape(y.length)),
                            InputGradient.labels(m, y),
                            List.of(Trajectory.targeted(pgd, s)),
                            starts)) {
                double[] margin = e.run(m).objective().toDoubleArray();
                for (int i = 0; i < y.length; i++) {
                    best[i] = Math.max(best[i], margin[i]);
                }
            }
        }
        assertArrayEquals(best, beta.objective(), 0.0);
        for (int i = 0; i < y.length; i++) {
            if (beta.objective()[i] > 0) {
                assertTrue(beta.fooled()[i], "a positive margin is a misclassification, example " + i);
            }
        }
        assertEquals(y.length, beta.size());
    }
}
