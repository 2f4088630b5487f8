package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/** MAX and AVG multi-perturbation batches (Tramèr &amp; Boneh 2019, THEORY.md §2 [code]). */
class MultiPerturbationTest {
    static final List<Pgd> ATTACKS = List.of(Pgd.of(PerturbationNorm.LINF, 0.03, 3), Pgd.of(PerturbationNorm.L1, 3.0, 3));

    static TrainConfig config(TrainConfig.MultiMode mode) {
        return new TrainConfig(Architecture.CNN, 1, 32, 1e-3, 1, ATTACKS, mode);
    }

    @Test
    void maxKeepsEachExamplesHighestLossAttackAndAvgKeepsAll() {
        Classifier model = DeepFixtures.standardCnn();
        ImageSet batch = DeepFixtures.train().slice(0, 24);
        int d = model.imageSize();
        AdversarialTraining.Batch max = new AdversarialTraining(config(TrainConfig.MultiMode.MAX))
                .adversarialBatch(model, batch.pixels(), batch.labels(), RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        AdversarialTraining.Batch avg = new AdversarialTraining(config(TrainConfig.MultiMode.AVG))
                .adversarialBatch(model, batch.pixels(), batch.labels(), RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        int n = batch.size();
        assertEquals(2 * n, avg.labels().length);
        assertArrayEquals(batch.labels(), Arrays.copyOfRange(avg.labels(), n, 2 * n));
        // The same stream gives AVG's two halves = the two attacks' outputs; MAX picks, per example,
        // the half with the larger cross-entropy (computed here independently).
        double[] ceA = ce(model, Arrays.copyOfRange(avg.pixels(), 0, n * d), batch.labels());
        double[] ceB = ce(model, Arrays.copyOfRange(avg.pixels(), n * d, 2 * n * d), batch.labels());
        int fromB = 0;
        for (int i = 0; i < n; i++) {
            float[] got = Arrays.copyOfRange(max.pixels(), i * d, (i + 1) * d);
            int half = ceB[i] > ceA[i] ? 1 : 0;
            fromB += half;
            float[] want = Arrays.copyOfRange(avg.pixels(), (half * n + i) * d, (half * n + i + 1) * d);
            if (Math.abs(ceA[i] - ceB[i]) > 1e-5) {
                assertArrayEquals(want, got, "example " + i + " must come from the attack with the higher loss");
            }
        }
        assertTrue(fromB > 0 && fromB < n, "both attacks win somewhere on this batch (" + fromB + " of " + n + ")");
    }

    static double[] ce(Classifier m, float[] x, int[] y) {
        return InputGradient.evaluate(m, x, y, (logits, oneHot, mgr) -> AttackLoss.CROSS_ENTROPY.objective(logits, oneHot),
                false).objective();
    }
}
