package tradeoffs.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.device.Autograd;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.ProgressListener;

/**
 * Mini-batch training of a {@link Classifier} with Adam: each step asks the
 * {@link TrainingMethod} for the examples to train on (the clean batch, or adversarial examples)
 * and for the loss on them, then takes one optimiser step. The configuration's method is standard
 * training, PGD adversarial training (Madry et al. 2018: min_θ E max_{‖δ‖_p ≤ ε} CE(f_θ(x + δ), y),
 * the inner max approximated by PGD's final iterate with the model in inference mode) or
 * multi-perturbation training (MAX / AVG, Tramèr &amp; Boneh 2019); another method can be passed
 * directly. {@link EpochHook}s run after every epoch.
 *
 * <p>Everything stays on the model's device: the training set is copied there once, each batch is
 * gathered there by index, attacks keep their perturbations there, and the epoch's loss and accuracy
 * are summed there and read once per epoch.
 *
 * <p>Determinism: the seed fixes the initial weights (see {@link Classifier#create}), epoch e's
 * data order (stream (seed, 1, e)) and the attacks' random starts of step s (stream (seed, 2, s),
 * s counted over all epochs), so the same seed gives the same model on the same device and thread
 * count.
 */
public final class AdversarialTraining {
    private static final long ORDER_STREAM = 1;
    private static final long ATTACK_STREAM = 2;

    private final TrainConfig config;
    private final TrainingMethod method;

    /** Training as {@code config} describes it (its attacks and mode decide the method). */
    public AdversarialTraining(TrainConfig config) {
        this(config, config.strategy());
    }

    /** Training with {@code config}'s optimiser, epochs, batch size and seed, and another method. */
    public AdversarialTraining(TrainConfig config, TrainingMethod method) {
        if (config == null || method == null) {
            throw new IllegalArgumentException("config and method are required");
        }
        this.config = config;
        this.method = method;
    }

    /** The task name under which {@link #train} reports its batches. */
    public static final String TASK = "training";

    /** Trains {@code model} in place on {@code train}; {@code progress} (may be null) sees every epoch's log. */
    public List<EpochLog> train(Classifier model, ImageSet train, Consumer<EpochLog> progress) {
        return train(model, train, progress, List.of(), ProgressListener.NONE);
    }

    /**
     * As {@link #train(Classifier, ImageSet, Consumer)}; {@code batches} also hears, at the start
     * and after every batch, how many training images of all epochs are done: ({@value #TASK},
     * done, epochs·n). It must not print into the computation's output; the caller decides.
     */
    public List<EpochLog> train(
            Classifier model, ImageSet train, Consumer<EpochLog> progress, ProgressListener batches) {
        return train(model, train, progress, List.of(), batches);
    }

    /**
     * Trains {@code model} in place on {@code train}; after every epoch {@code progress} (may be null)
     * sees its log, then every hook runs (in order) with the model.
     */
    public List<EpochLog> train(Classifier model, ImageSet train, Consumer<EpochLog> progress, List<EpochHook> hooks) {
        return train(model, train, progress, hooks, ProgressListener.NONE);
    }

    /**
     * As {@link #train(Classifier, ImageSet, Consumer, List)}, with {@code batches} hearing every
     * batch as in {@link #train(Classifier, ImageSet, Consumer, ProgressListener)}.
     */
    public List<EpochLog> train(
            Classifier model,
            ImageSet train,
            Consumer<EpochLog> progress,
            List<EpochHook> hooks,
            ProgressListener batches) {
        model.checkShape(train);
        if (train.size() == 0) {
            throw new IllegalArgumentException("training set is empty");
        }
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                .build();
        int n = train.size();
        List<EpochLog> logs = new ArrayList<>();
        long step = 0;
        long allImages = (long) config.epochs() * n;
        batches.progress(TASK, 0, allImages);
        try (NDManager data = model.manager().newSubManager()) {
            NDArray images = data.create(train.pixels(), model.inputShape(n));
            NDArray labels = InputGradient.labels(data, train.labels());
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                int[] order = PermutationSampler.natural(n);
                PermutationSampler.shuffle(rng(Seeds.of(config.seed(), ORDER_STREAM, epoch)), order);
                NDArray lossSum = data.zeros(new ai.djl.ndarray.types.Shape(), DataType.FLOAT64);
                NDArray correct = data.zeros(new ai.djl.ndarray.types.Shape(), DataType.INT64);
                long seen = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    int to = Math.min(n, from + config.batchSize());
                    try (NDManager m = data.newSubManager()) {
                        long[] idx = new long[to - from];
                        for (int k = 0; k < idx.length; k++) {
                            idx[k] = order[from + k];
                        }
                        NDIndex rows = new NDIndex("{}", m.create(idx));
                        NDArray x = images.get(rows);
                        NDArray y = labels.get(rows);
                        x.attach(m);
                        y.attach(m);
                        TrainingMethod.Batch clean = new TrainingMethod.Batch(x, y);
                        TrainingMethod.Batch examples =
                                method.examples(model, clean, rng(Seeds.of(config.seed(), ATTACK_STREAM, step)));
                        long b = examples.size();
                        NDArray[] stat = step(model, adam, clean, examples);
                        // lossSum += loss·b in double, as the JVM sum did; correct += hits.
                        NDArray l = lossSum.add(
                                stat[0].toType(DataType.FLOAT64, false).mul((double) b));
                        NDArray c = correct.add(stat[1]);
                        l.attach(data);
                        c.attach(data);
                        lossSum.close();
                        correct.close();
                        lossSum = l;
                        correct = c;
                        seen += b;
                    }
                    step++;
                    batches.progress(TASK, (long) (epoch - 1) * n + to, allImages);
                }
                double lossTotal = lossSum.getDouble();
                long hits = correct.getLong();
                lossSum.close();
                correct.close();
                double seconds = (System.nanoTime() - start) / 1e9;
                EpochLog log = new EpochLog(epoch, lossTotal / seen, (double) hits / seen, seconds, n / seconds);
                logs.add(log);
                if (progress != null) {
                    progress.accept(log);
                }
                for (EpochHook h : hooks) {
                    h.afterEpoch(model, log);
                }
            }
        }
        return logs;
    }

    /** The method this training uses. */
    public TrainingMethod method() {
        return method;
    }

    /**
     * One optimiser step on the method's loss; returns {loss (float32 scalar), number correct
     * (int64 scalar)} on the device. DJL on PyTorch accumulates parameter gradients across gradient
     * collectors, and Adam's update zeroes each gradient it consumes (tested), so every step starts
     * from zero; attacks do not add to them (they switch parameter gradients off).
     */
    private NDArray[] step(
            Classifier model, Optimizer optimizer, TrainingMethod.Batch clean, TrainingMethod.Batch examples) {
        NDArray loss;
        NDArray hits;
        try (Autograd g = Autograd.record()) {
            TrainingMethod.StepLoss s = method.loss(model, clean, examples);
            g.backward(s.loss());
            loss = s.loss().stopGradient();
            hits = s.logits().argMax(1).eq(s.labels()).sum();
        }
        for (Parameter p : model.trainableParameters()) {
            NDArray w = p.getArray();
            try (NDArray g = w.getGradient()) {
                optimizer.update(p.getId(), w, g);
            }
        }
        return new NDArray[] {loss, hits};
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
