package tradeoffs.deep.bridge;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.theory.sample.Sample;

/**
 * Adversarial training of a linear regressor f(x) = wᵀx (a DJL {@link Linear} block with one unit
 * and no bias, as the data are centred) exactly the way the deep models are trained: mini-batch
 * Adam on
 *
 * <pre>  min_w (1/n) Σ_i (y_i − wᵀ(x_i + δ_i))²,  δ_i = PGD's answer to max_{‖δ‖_p ≤ ε} (y_i − wᵀ(x_i + δ))²,</pre>
 *
 * the inner maximisation by {@link RegressionPgd} at the current weights, the outer gradient by
 * DJL's autograd through the block (Madry et al. 2018). Because PGD reaches the exact maximiser
 * for a linear model (docs/math.md §2.1), the gradient of a step is a subgradient of the empirical
 * adversarial risk F(w) = (1/n) Σ (|y_i − x_iᵀw| + ε‖w‖_q)² of docs/math.md §6.1 (Danskin's
 * theorem), so training minimises F: the same objective as the simulation module's convex solver,
 * whose population limit is the closed form of docs/math.md §4.
 *
 * <p>Initial weights: PyTorch's default for a linear layer, U(−1/√d, 1/√d).
 *
 * <p>Determinism: the seed fixes the initial weights (PyTorch's generator) and every epoch's data
 * order (Commons RNG stream {@code Seeds.of(seed, 1, epoch)}); PGD starts at δ = 0 and draws no
 * random numbers. DJL allows one gradient collector per process, so trainings run one at a time.
 */
public final class PgdLinearRegression {
    private static final long ORDER_STREAM = 1;

    private final RegressionPgd attack;
    private final RegressionTrainConfig config;

    public PgdLinearRegression(RegressionPgd attack, RegressionTrainConfig config) {
        if (attack == null || config == null) {
            throw new IllegalArgumentException("attack and config are required");
        }
        this.attack = attack;
        this.config = config;
    }

    public RegressionPgd attack() {
        return attack;
    }

    public RegressionTrainConfig config() {
        return config;
    }

    /** Trains a fresh regressor on {@code sample} and returns its weights. */
    public LinearFit train(Sample sample) {
        long t0 = System.nanoTime();
        int n = sample.n();
        int d = sample.d();
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        float[] x = RegressionPgd.toFloat(sample.x());
        float[] y = RegressionPgd.toFloat(sample.y());
        double[] losses = new double[config.epochs()];
        try (NDManager manager = DeepRuntime.engine().newBaseManager()) {
            Linear block = Linear.builder().setUnits(1).optBias(false).build();
            // PyTorch's default for nn.Linear, U(−1/√d, 1/√d); DJL's default (Xavier, magnitude 6) draws
            // from U(−2, 2) for d = 2 and then needed more than 250 Adam steps to reach the optimum.
            block.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(d))), Parameter.Type.WEIGHT);
            DeepRuntime.seed(config.seed());
            block.initialize(manager, DataType.FLOAT32, new Shape(1, d));
            ParameterStore store = new ParameterStore(manager, false);
            Parameter weight = block.getParameters().get("weight");
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(Tracker.cosine()
                            .setBaseValue((float) config.learningRate())
                            .optFinalValue((float) (config.learningRate() * config.finalFraction()))
                            .setMaxUpdates(Math.max(1, config.epochs() * batches - 1))
                            .build())
                    .build();
            float[] xb = new float[config.batchSize() * d];
            float[] yb = new float[config.batchSize()];
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                int[] order = PermutationSampler.natural(n);
                PermutationSampler.shuffle(
                        RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(config.seed(), ORDER_STREAM, epoch)), order);
                double lossSum = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int b = Math.min(n, from + config.batchSize()) - from;
                    for (int k = 0; k < b; k++) {
                        int i = order[from + k];
                        System.arraycopy(x, i * d, xb, k * d, d);
                        yb[k] = y[i];
                    }
                    lossSum += step(manager, block, store, weight, adam, xb, yb, b, d) * b;
                }
                losses[epoch] = lossSum / n;
            }
            double[] w = weights(weight);
            return new LinearFit(w, losses, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** One Adam step on the batch's mean squared loss at the PGD inputs; returns that loss. */
    private double step(
            NDManager manager,
            Linear block,
            ParameterStore store,
            Parameter weight,
            Optimizer adam,
            float[] xb,
            float[] yb,
            int b,
            int d) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(Arrays.copyOf(xb, b * d), new Shape(b, d));
            NDArray y = m.create(Arrays.copyOf(yb, b), new Shape(b, 1));
            NDArray delta = m.create(attack.perturb(x, y, weights(weight)), new Shape(b, d));
            double loss;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray prediction =
                        block.forward(store, new NDList(x.add(delta)), true).singletonOrThrow();
                NDArray mse = y.sub(prediction).square().mean();
                gc.backward(mse);
                loss = mse.getFloat();
            }
            NDArray w = weight.getArray();
            try (NDArray g = w.getGradient()) {
                adam.update(weight.getId(), w, g);
                // DJL on PyTorch accumulates gradients across collectors: clear them for the next step.
                g.subi(g);
            }
            return loss;
        }
    }

    private static double[] weights(Parameter weight) {
        float[] f = weight.getArray().toFloatArray();
        double[] w = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            w[j] = f[j];
        }
        return w;
    }
}
