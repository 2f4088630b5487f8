package tradeoffs.deep;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.AdversarialTraining;
import tradeoffs.deep.train.TrainConfig;

/**
 * Small shared fixtures for the deep tests: a 16×16 version of the default benchmark and models
 * trained on it once per JVM (tests share them; none may modify them).
 */
public final class DeepFixtures {
    /** Training ε of the ℓ∞ fixtures, 8/255 as on CIFAR-10. */
    public static final double LINF_EPS = 8 / 255.0;

    public static final BenchmarkParams PARAMS = BenchmarkParams.defaults().withImageSize(16);
    public static final ShiftedBackgrounds BENCHMARK = new ShiftedBackgrounds(PARAMS, 11);
    private static final Map<String, Classifier> MODELS = new HashMap<>();
    private static ImageSet train;

    private DeepFixtures() {}

    public static synchronized ImageSet train() {
        if (train == null) {
            train = BENCHMARK.train(2000);
        }
        return train;
    }

    /** The standard CNN (5 epochs, seed 5). */
    public static Classifier standardCnn() {
        return trained("standard", TrainConfig.standard(Architecture.CNN, 5, 64, 2e-3, 5));
    }

    /** The ℓ∞-PGD-trained CNN at {@link #LINF_EPS} (5 epochs, 3 steps, seed 5). */
    public static Classifier linfCnn() {
        return trained(
                "linf",
                TrainConfig.standard(Architecture.CNN, 5, 64, 2e-3, 5)
                        .withAttack(Pgd.of(PerturbationNorm.LINF, LINF_EPS, 3)));
    }

    private static synchronized Classifier trained(String key, TrainConfig config) {
        return MODELS.computeIfAbsent(key, k -> {
            Classifier c = Classifier.create(
                    config.architecture(),
                    3,
                    PARAMS.imageSize(),
                    PARAMS.imageSize(),
                    PARAMS.numClasses(),
                    Device.cpu(),
                    config.seed());
            new AdversarialTraining(config).train(c, train(), null);
            return c;
        });
    }

    /** Share of {@code predicted} equal to the labels. */
    public static double accuracy(int[] predicted, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            ok += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) ok / labels.length;
    }
}
