package tradeoffs.deep.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.deep.device.Autograd;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/**
 * {@link CnnLogits} against the DJL block it stands in for (the independent route: DJL's own
 * Conv2d, ReLU, max-pool and Linear blocks on contiguous tensors): logits and input gradients
 * equal bit for bit, on trained CNNs and on inputs built to make max-pool windows tie (constant
 * images, pixels at the bounds), where a pool that routed gradients differently would show.
 */
class CnnLogitsTest {

    @Test
    void logitsAndInputGradientsEqualTheBlocksBitForBitOnTrainedCnns() {
        ImageSet test = DeepFixtures.BENCHMARK.test(Variant.ORIGINAL, 60);
        for (Classifier model : new Classifier[] {DeepFixtures.standardCnn(), DeepFixtures.linfCnn()}) {
            assertNotNull(CnnLogits.parameters(model), "the CNN must take the channels-last route");
            float[] px = Arrays.copyOf(test.pixels(), test.pixels().length + 3 * model.imageSize());
            // Three images made of ties: all 0, all 0.5, all 1.
            int d = model.imageSize();
            Arrays.fill(px, test.pixels().length + d, test.pixels().length + 2 * d, 0.5f);
            Arrays.fill(px, test.pixels().length + 2 * d, px.length, 1f);
            assertSameBits(model, px, test.size() + 3);
        }
    }

    @Test
    void equalBitForBitOnAnUntrainedCnnWithPixelsAtTheBounds() {
        try (Classifier model = Classifier.create(Architecture.CNN, 3, 8, 8, 3, Device.cpu(), 7)) {
            SplittableRandom rng = new SplittableRandom(3);
            int n = 40;
            float[] px = new float[n * model.imageSize()];
            for (int i = 0; i < px.length; i++) {
                double u = rng.nextDouble();
                px[i] = u < 0.3 ? 0f : (u > 0.7 ? 1f : (float) rng.nextDouble());
            }
            assertSameBits(model, px, n);
        }
    }

    @Test
    void otherArchitecturesKeepTheirOwnForwardPass() {
        for (Architecture a : new Architecture[] {Architecture.MLP, Architecture.RESNET, Architecture.LINEAR}) {
            try (Classifier model = Classifier.create(a, 3, 8, 8, 3, Device.cpu(), 1)) {
                assertNull(CnnLogits.parameters(model), a.id());
            }
        }
    }

    /** Logits, and the input gradient of Σ_i w_i · logits_i for fixed random weights w, both ways. */
    private static void assertSameBits(Classifier model, float[] px, int n) {
        float[][] block = pass(model, px, n, (m, x) -> m.logits(x, false));
        float[][] fast = pass(model, px, n, CnnLogits::of);
        assertArrayEquals(block[0], fast[0], 0f, "logits");
        assertArrayEquals(block[1], fast[1], 0f, "input gradients");
        int nonZero = 0;
        for (float g : fast[1]) {
            nonZero += g != 0 ? 1 : 0;
        }
        assertTrue(nonZero > px.length / 10, "the gradients must not be trivially zero: " + nonZero);
    }

    private static float[][] pass(
            Classifier model, float[] px, int n, BiFunction<Classifier, NDArray, NDArray> logits) {
        model.parameterGradients(false);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(px, model.inputShape(n));
            SplittableRandom rng = new SplittableRandom(5);
            float[] w = new float[n * model.numClasses()];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextDouble() * 2 - 1);
            }
            NDArray weights = m.create(w, new ai.djl.ndarray.types.Shape(n, model.numClasses()));
            x.setRequiresGradient(true);
            try (Autograd g = Autograd.record()) {
                NDArray f = logits.apply(model, x);
                g.backward(f.mul(weights).sum());
                return new float[][] {f.toFloatArray(), x.getGradient().toFloatArray()};
            }
        } finally {
            model.parameterGradients(true);
        }
    }
}
