package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.model.Classifier;

/** MAX and AVG multi-perturbation batches (Tramèr &amp; Boneh 2019). */
class MultiPerturbationTest {
    static final List<Pgd> ATTACKS =
            List.of(Pgd.of(PerturbationNorm.LINF, 0.03, 3), Pgd.of(PerturbationNorm.L1, 3.0, 3));

    @Test
    void maxKeepsEachExamplesHighestLossAttackAndAvgKeepsAll() {
        Classifier model = DeepFixtures.standardCnn();
        ImageSet batch = DeepFixtures.train().slice(0, 24);
        int d = model.imageSize();
        int n = batch.size();
        try (NDManager m = model.manager().newSubManager()) {
            TrainingMethod.Batch clean = new TrainingMethod.Batch(
                    m.create(batch.pixels(), model.inputShape(n)), InputGradient.labels(m, batch.labels()));
            TrainingMethod.Batch max = new MultiPerturbationTraining(ATTACKS, TrainConfig.MultiMode.MAX)
                    .examples(model, clean, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            TrainingMethod.Batch avg = new MultiPerturbationTraining(ATTACKS, TrainConfig.MultiMode.AVG)
                    .examples(model, clean, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
            float[] maxPixels = max.images().toFloatArray();
            float[] avgPixels = avg.images().toFloatArray();
            long[] avgLabels = avg.labels().toLongArray();
            assertEquals(2 * n, avgLabels.length);
            for (int i = 0; i < n; i++) {
                assertEquals(batch.labels()[i], avgLabels[n + i]);
            }
            // The same stream gives AVG's two halves = the two attacks' outputs; MAX picks, per example,
            // the half with the larger cross-entropy (computed here on the JVM from the logits).
            double[] ceA = ce(model, Arrays.copyOfRange(avgPixels, 0, n * d), batch.labels());
            double[] ceB = ce(model, Arrays.copyOfRange(avgPixels, n * d, 2 * n * d), batch.labels());
            int fromB = 0;
            for (int i = 0; i < n; i++) {
                float[] got = Arrays.copyOfRange(maxPixels, i * d, (i + 1) * d);
                int half = ceB[i] > ceA[i] ? 1 : 0;
                fromB += half;
                float[] want = Arrays.copyOfRange(avgPixels, (half * n + i) * d, (half * n + i + 1) * d);
                if (Math.abs(ceA[i] - ceB[i]) > 1e-5) {
                    assertArrayEquals(want, got, "example " + i + " must come from the attack with the higher loss");
                }
            }
            assertTrue(fromB > 0 && fromB < n, "both attacks win somewhere on this batch (" + fromB + " of " + n + ")");
        }
    }

    /** −log softmax(f(x))_y per image, in double precision from the model's logits. */
    static double[] ce(Classifier model, float[] x, int[] y) {
        try (NDManager m = model.manager().newSubManager()) {
            int k = model.numClasses();
            float[] logits =
                    model.logits(m.create(x, model.inputShape(y.length)), false).toFloatArray();
            double[] out = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logits[i * k + j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    sum += Math.exp(logits[i * k + j] - max);
                }
                out[i] = max + Math.log(sum) - logits[i * k + y[i]];
            }
            return out;
        }
    }
}
