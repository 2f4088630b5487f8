package tradeoffs.deep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.DeepFixtures;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.theory.ParameterException;

/** TRADES and BETA-AT (Zhang et al. 2019; Robey et al. 2024) and the method in the configuration. */
class TrainingMethodsTest {
    private static final int K = 3;
    private static final int SIDE = 2;
    private static final int D = 3 * SIDE * SIDE;

    /** A linear classifier f(x) = W x + b on 3×2×2 images with the given weights (K rows of D) and biases. */
    private static Classifier linear(double[][] w, double[] b) {
        Classifier c = Classifier.create(Architecture.LINEAR, 3, SIDE, SIDE, K, Device.cpu(), 1);
        for (Parameter p : c.trainableParameters()) {
            NDArray a = p.getArray();
            float[] v = new float[(int) a.getShape().size()];
            if (a.getShape().equals(new Shape(K, D))) {
                for (int j = 0; j < K; j++) {
                    for (int i = 0; i < D; i++) {
                        v[j * D + i] = (float) w[j][i];
                    }
                }
            } else {
                assertEquals(new Shape(K), a.getShape(), "a linear model has a weight and a bias");
                for (int j = 0; j < K; j++) {
                    v[j] = (float) b[j];
                }
            }
            a.set(v);
        }
        return c;
    }

    @Test
    void tradesLossOnALinearModelEqualsTheHandComputation() {
        java.util.Random r = new java.util.Random(3);
        double[][] w = new double[K][D];
        double[] b = new double[K];
        for (int j = 0; j < K; j++) {
            b[j] = r.nextGaussian();
            for (int i = 0; i < D; i++) {
                w[j][i] = r.nextGaussian();
            }
        }
        int n = 4;
        float[] x = new float[n * D];
        float[] xAdv = new float[n * D];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
            xAdv[i] = (float) Math.min(1, Math.max(0, x[i] + 0.3 * r.nextGaussian()));
        }
        int[] y = {0, 2, 1, 2};
        double beta = 2.5;
        // Reference in Java doubles: logits W x + b, CE = −log softmax_y(f(x)),
        // KL(p ‖ q) = Σ_j p_j (log p_j − log q_j) with p = softmax f(x), q = softmax f(x′); mean over the batch.
        double want = 0;
        for (int s = 0; s < n; s++) {
            double[] lp = logSoftmax(w, b, x, s);
            double[] lq = logSoftmax(w, b, xAdv, s);
            double kl = 0;
            for (int j = 0; j < K; j++) {
                kl += Math.exp(lp[j]) * (lp[j] - lq[j]);
            }
            want += (-lp[y[s]] + beta * kl) / n;
        }
        try (Classifier model = linear(w, b);
                NDManager m = model.manager().newSubManager()) {
            TrainingMethod.Batch clean =
                    new TrainingMethod.Batch(m.create(x, model.inputShape(n)), InputGradient.labels(m, y));
            TrainingMethod.Batch adv = new TrainingMethod.Batch(m.create(xAdv, model.inputShape(n)), clean.labels());
            TradesTraining t = new TradesTraining(Pgd.of(PerturbationNorm.LINF, 0.1, 3), beta);
            double got = t.loss(model, clean, adv).loss().getFloat();
            assertEquals(want, got, 1e-5 * Math.max(1, Math.abs(want)), "TRADES loss vs the hand computation");
            // β = 0 is the clean cross-entropy alone.
            double ce = 0;
            for (int s = 0; s < n; s++) {
                ce -= logSoftmax(w, b, x, s)[y[s]] / n;
            }
            double got0 = new TradesTraining(Pgd.of(PerturbationNorm.LINF, 0.1, 3), 0)
                    .loss(model, clean, adv)
                    .loss()
                    .getFloat();
            assertEquals(ce, got0, 1e-5 * Math.max(1, ce));
        }
    }

    private static double[] logSoftmax(double[][] w, double[] b, float[] x, int s) {
        double[] f = new double[K];
        for (int j = 0; j < K; j++) {
            f[j] = b[j];
            for (int i = 0; i < D; i++) {
                f[j] += w[j][i] * x[s * D + i];
            }
        }
        return logSoftmaxRow(f, 0, K);
    }

    @Test
    void tradesAttackRaisesTheKlAndStaysInTheBall() {
        Classifier model = DeepFixtures.standardCnn();
        ImageSet batch = DeepFixtures.train().slice(0, 16);
        int n = batch.size();
        double eps = 0.03;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(batch.pixels(), model.inputShape(n));
            NDArray y = InputGradient.labels(m, batch.labels());
            float[] adv = new tradeoffs.deep.attack.TradesAttack(Pgd.of(PerturbationNorm.LINF, eps, 5))
                    .perturb(model, x, y, RandomSource.XO_RO_SHI_RO_128_PP.create(2L))
                    .toFloatArray();
            float[] px = batch.pixels();
            for (int i = 0; i < px.length; i++) {
                assertTrue(Math.abs(adv[i] - px[i]) <= eps + 1e-6 && adv[i] >= 0 && adv[i] <= 1, "in ball and box");
            }
            // KL(p ‖ q) per example on the JVM from the model's logits: the attack's point beats the
            // clean point (KL 0) and the Gaussian start's neighbourhood on average.
            double[] lp = logits(model, px, n);
            double[] lq = logits(model, adv, n);
            double mean = 0;
            for (int s = 0; s < n; s++) {
                mean += kl(lp, lq, s, model.numClasses()) / n;
            }
            assertTrue(mean > 1e-3, "the ascent moves the softmax away from the clean one (mean KL " + mean + ")");
        }
    }

    private static double[] logits(Classifier model, float[] x, int n) {
        try (NDManager m = model.manager().newSubManager()) {
            float[] f = model.logits(m.create(x, model.inputShape(n)), false).toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    private static double kl(double[] fp, double[] fq, int s, int k) {
        double[] lp = logSoftmaxRow(fp, s, k);
        double[] lq = logSoftmaxRow(fq, s, k);
        double v = 0;
        for (int j = 0; j < k; j++) {
            v += Math.exp(lp[j]) * (lp[j] - lq[j]);
        }
        return v;
    }

    private static double[] logSoftmaxRow(double[] f, int s, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, f[s * k + j]);
        }
        double z = 0;
        for (int j = 0; j < k; j++) {
            z += Math.exp(f[s * k + j] - max);
        }
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            out[j] = f[s * k + j] - max - Math.log(z);
        }
        return out;
    }

    @Test
    void betaTrainingKeepsThePerturbationOfTheLargestFinalMarginClass() {
        // y = 0, w_0 = 0, b_0 = 0. Class 1: w_1 = 0.1·1, b_1 = 0.5: clean margin 0.1·12·0.5 + 0.5 = 1.1,
        // after the ℓ∞ ascent 1.1 + ε‖w_1‖₁ = 1.1 + 0.2·1.2 = 1.34. Class 2: w_2 = ±1 alternating, b_2 = 0:
        // clean margin 0, after the ascent ε‖w_2‖₁ = 0.2·12 = 2.4. So the largest clean margin is class
        // 1's but the largest final margin class 2's, whose perturbation is x + ε·sign(w_2) = 0.5 ± 0.2.
        double eps = 0.2;
        double[][] w = new double[K][D];
        double[] b = {0, 0.5, 0};
        for (int i = 0; i < D; i++) {
            w[1][i] = 0.1;
            w[2][i] = i % 2 == 0 ? 1 : -1;
        }
        try (Classifier model = linear(w, b);
                NDManager m = model.manager().newSubManager()) {
            float[] x = new float[D];
            java.util.Arrays.fill(x, 0.5f);
            TrainingMethod.Batch clean =
                    new TrainingMethod.Batch(m.create(x, model.inputShape(1)), InputGradient.labels(m, new int[] {0}));
            TrainingMethod.Batch out = new BetaTraining(Pgd.of(PerturbationNorm.LINF, eps, 10))
                    .examples(model, clean, RandomSource.XO_RO_SHI_RO_128_PP.create(9L));
            float[] got = out.images().toFloatArray();
            for (int i = 0; i < D; i++) {
                assertEquals(i % 2 == 0 ? 0.7f : 0.3f, got[i], 1e-6f, "coordinate " + i);
            }
            assertEquals(0L, out.labels().toLongArray()[0]);
        }
    }

    @Test
    void aFewStepsOfTradesAndBetaTrainingLowerTheirLoss() {
        ImageSet train = DeepFixtures.train().slice(0, 192);
        Pgd attack = Pgd.of(PerturbationNorm.LINF, 0.03, 2);
        for (TrainConfig.Method method : List.of(TrainConfig.Method.TRADES, TrainConfig.Method.BETA)) {
            TrainConfig config =
                    TrainConfig.standard(Architecture.CNN, 3, 32, 2e-3, 5).withMethod(method, List.of(attack), 6);
            try (Classifier c = Classifier.create(Architecture.CNN, 3, 16, 16, 5, Device.cpu(), 5)) {
                List<EpochLog> logs = new AdversarialTraining(config).train(c, train, null);
                assertTrue(
                        logs.get(2).loss() < logs.get(0).loss(),
                        method + ": loss " + logs.get(0).loss() + " -> "
                                + logs.get(2).loss());
            }
        }
    }

    @Test
    void theMethodDecidesTheStrategyAndBadCombinationsNameTheParameter() {
        Pgd linf = Pgd.of(PerturbationNorm.LINF, 0.03, 2);
        Pgd l2 = Pgd.of(PerturbationNorm.L2, 0.5, 2);
        TrainConfig base = TrainConfig.standard(Architecture.CNN, 1, 32, 1e-3, 1);
        assertEquals(TrainConfig.Method.STANDARD, base.method());
        assertEquals(TrainConfig.Method.PGD, base.withAttack(linf).method());
        assertEquals("linf", base.withAttack(linf).regime());
        assertEquals(
                TrainConfig.Method.AVG,
                new TrainConfig(Architecture.CNN, 1, 32, 1e-3, 1, List.of(linf, l2), TrainConfig.MultiMode.AVG)
                        .method());
        assertEquals(
                "beta-linf",
                base.withMethod(TrainConfig.Method.BETA, List.of(linf), 6).regime());
        TrainConfig trades = base.withMethod(TrainConfig.Method.TRADES, List.of(l2), 3);
        assertEquals("trades-l2", trades.regime());
        assertEquals(3, ((TradesTraining) trades.strategy()).beta());
        assertEquals(
                TrainConfig.MultiMode.AVG,
                base.withMethod(TrainConfig.Method.AVG, List.of(linf, l2), 6).mode());
        assertEquals(
                "norm",
                assertThrows(ParameterException.class, () -> base.withMethod(TrainConfig.Method.MAX, List.of(linf), 6))
                        .parameter());
        assertEquals(
                "norm",
                assertThrows(
                                ParameterException.class,
                                () -> base.withMethod(TrainConfig.Method.TRADES, List.of(linf, l2), 6))
                        .parameter());
        assertEquals(
                "trades_beta",
                assertThrows(
                                ParameterException.class,
                                () -> base.withMethod(TrainConfig.Method.TRADES, List.of(linf), -1))
                        .parameter());
        assertEquals(
                "method",
                assertThrows(ParameterException.class, () -> TrainConfig.Method.parse("fgsm"))
                        .parameter());
    }

    @Test
    void checkpointsRecordTheMethodAndOldSidecarsMeanWhatTheirAttacksImply(@TempDir Path dir) throws IOException {
        Classifier model = DeepFixtures.standardCnn();
        Pgd linf = Pgd.of(PerturbationNorm.LINF, 0.03, 2);
        TrainConfig trades = TrainConfig.standard(Architecture.CNN, 1, 32, 1e-3, 1)
                .withMethod(TrainConfig.Method.TRADES, List.of(linf), 2.5);
        Checkpoint c = Checkpoint.of(model, trades, DeepFixtures.PARAMS, 11, 100);
        c.save(dir.resolve("t"), model);
        assertEquals(c, Checkpoint.read(dir.resolve("t")));
        String json = Files.readString(dir.resolve("t").resolve(Checkpoint.SIDECAR));
        assertTrue(json.contains("\"method\"") && json.contains("\"trades\"") && json.contains("2.5"), json);
        // A sidecar without "method" (written before it was recorded) reads as what its attacks imply.
        TrainConfig pgd = TrainConfig.standard(Architecture.CNN, 1, 32, 1e-3, 1).withAttack(linf);
        Checkpoint.of(model, pgd, DeepFixtures.PARAMS, 11, 100).save(dir.resolve("p"), model);
        Path sidecar = dir.resolve("p").resolve(Checkpoint.SIDECAR);
        String old = Files.readString(sidecar).replaceAll("\"method\"\\s*:\\s*\"pgd\"\\s*,?", "");
        assertTrue(!old.contains("\"method\""), old);
        Files.writeString(sidecar, old);
        assertEquals(
                TrainConfig.Method.PGD,
                Checkpoint.read(dir.resolve("p")).training().method());
    }
}
