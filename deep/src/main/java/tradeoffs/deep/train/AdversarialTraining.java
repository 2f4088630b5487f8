package tradeoffs.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.attack.AttackResult;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.ProgressListener;

/**
 * Mini-batch training of a {@link Classifier} with Adam on cross-entropy, standard or adversarial
 * (Madry et al. 2018): min_θ E max_{‖δ‖_p ≤ ε} CE(f_θ(x + δ), y), the inner max approximated by
 * PGD's final iterate, computed with the model in inference mode. With several attacks, MAX keeps
 * per example the attack with the highest objective and AVG trains on every attack's examples
 * (Tramèr &amp; Boneh 2019, THEORY.md §2 [code]).
 *
 * <p>Determinism: the seed fixes the initial weights (see {@link Classifier#create}), epoch e's
 * data order (stream (seed, 1, e)) and the attacks' random starts of batch b (stream (seed, 2,
 * global step)), so the same seed gives the same model on the same device and thread count.
 */
public final class AdversarialTraining {
    private static final long ORDER_STREAM = 1;
    private static final long ATTACK_STREAM = 2;

    private final TrainConfig config;

    public AdversarialTraining(TrainConfig config) {
        this.config = config;
    }

    /** The task name under which {@link #train} reports its batches. */
    public static final String TASK = "training";

    /** Trains {@code model} in place on {@code train}; {@code progress} sees every epoch's log. */
    public List<EpochLog> train(Classifier model, ImageSet train, Consumer<EpochLog> progress) {
        return train(model, train, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #train(Classifier, ImageSet, Consumer)}; {@code batches} also hears, at the start
     * and after every batch, how many training images of all epochs are done: ({@value #TASK},
     * done, epochs·n). It must not print into the computation's output; the caller decides.
     */
    public List<EpochLog> train(Classifier model, ImageSet train, Consumer<EpochLog> progress,
            ProgressListener batches) {
        model.checkShape(train);
        if (train.size() == 0) {
            throw new IllegalArgumentException("training set is empty");
        }
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) config.learningRate())).build();
        int n = train.size();
        int d = model.imageSize();
        List<EpochLog> logs = new ArrayList<>();
        long step = 0;
        long images = (long) config.epochs() * n;
        batches.progress(TASK, 0, images);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = PermutationSampler.natural(n);
            PermutationSampler.shuffle(rng(Seeds.of(config.seed(), ORDER_STREAM, epoch)), order);
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int from = 0; from < n; from += config.batchSize()) {
                int to = Math.min(n, from + config.batchSize());
                int b = to - from;
                float[] x = new float[b * d];
                int[] y = new int[b];
                for (int k = 0; k < b; k++) {
                    int i = order[from + k];
                    System.arraycopy(train.pixels(), i * d, x, k * d, d);
                    y[k] = train.labels()[i];
                }
                Batch batch = config.adversarial()
                        ? adversarialBatch(model, x, y, rng(Seeds.of(config.seed(), ATTACK_STREAM, step)))
                        : new Batch(x, y);
                double[] stat = step(model, adam, batch);
                lossSum += stat[0] * batch.labels.length;
                correct += (long) stat[1];
                seen += batch.labels.length;
                step++;
                batches.progress(TASK, (long) (epoch - 1) * n + to, images);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochLog log = new EpochLog(epoch, lossSum / seen, (double) correct / seen, seconds, n / seconds);
            logs.add(log);
            if (progress != null) {
                progress.accept(log);
            }
        }
        return logs;
    }

    /** Training images of one step and their labels. */
    record Batch(float[] pixels, int[] labels) {
    }

    /** The batch a step trains on: the attacks' examples for (x, y), combined by the mode. */
    Batch adversarialBatch(Classifier model, float[] x, int[] y, UniformRandomProvider rng) {
        List<Pgd> attacks = config.attacks();
        int d = model.imageSize();
        int b = y.length;
        if (attacks.size() == 1) {
            return new Batch(attacks.get(0).attack(model, x, y, rng).adversarial(), y);
        }
        List<AttackResult> results = new ArrayList<>();
        for (Pgd a : attacks) {
            results.add(a.attack(model, x, y, rng));
        }
        if (config.mode() == TrainConfig.MultiMode.AVG) {
            float[] px = new float[results.size() * b * d];
            int[] py = new int[results.size() * b];
            for (int r = 0; r < results.size(); r++) {
                System.arraycopy(results.get(r).adversarial(), 0, px, r * b * d, b * d);
                System.arraycopy(y, 0, py, r * b, b);
            }
            return new Batch(px, py);
        }
        float[] px = new float[b * d];
        for (int i = 0; i < b; i++) {
            int bestAttack = 0;
            for (int r = 1; r < results.size(); r++) {
                if (results.get(r).objective()[i] > results.get(bestAttack).objective()[i]) {
                    bestAttack = r;
                }
            }
            System.arraycopy(results.get(bestAttack).adversarial(), i * d, px, i * d, d);
        }
        return new Batch(px, y);
    }

    /**
     * One optimiser step on mean cross-entropy; returns {mean loss, number correct}. Parameter
     * gradients are zeroed after the update because DJL on PyTorch accumulates them across
     * gradient collectors.
     */
    private static double[] step(Classifier model, Optimizer optimizer, Batch batch) {
        int b = batch.labels.length;
        double loss;
        long correct = 0;
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(batch.pixels, model.inputShape(b));
            NDArray oneHot = InputGradient.oneHot(m, batch.labels, model.numClasses());
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray logits = model.logits(x, true);
                NDArray ce = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
                gc.backward(ce);
                loss = ce.getFloat();
                long[] pred = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
                for (int i = 0; i < b; i++) {
                    if (pred[i] == batch.labels[i]) {
                        correct++;
                    }
                }
            }
            for (Parameter p : model.trainableParameters()) {
                NDArray w = p.getArray();
                try (NDArray g = w.getGradient()) {
                    optimizer.update(p.getId(), w, g);
                }
            }
        }
        model.zeroGradients();
        return new double[] {loss, correct};
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
