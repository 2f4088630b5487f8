package tradeoffs.benchmarks.anchors;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The anchor of the PGD adversarial-training throughput comparison: a bare DJL loop written as a
 * DJL user would write it from DJL's documentation, with nothing of this project in it. The same
 * CNN as the project's {@code cnn} (conv3×3(16)–ReLU–maxpool2, conv3×3(32)–ReLU–maxpool2,
 * dense(64)–ReLU, dense(K), DJL's default initialisers), Adam through a {@link Trainer}, batches
 * from an {@link ArrayDataset}, and ℓ∞ PGD (Madry et al. 2018) with a uniform random start, step
 * α = 2.5ε/steps, the model in inference mode and its parameters frozen while the attack
 * differentiates with respect to the input (otherwise DJL would add the attack's parameter
 * gradients to the training step's), projection by clipping to the ε-box and the pixel box.
 * Random starts come from PyTorch's generator on the device.
 */
public final class BareDjlPgdTraining implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;
    private final ArrayDataset dataset;
    private final float eps;
    private final int steps;

    /**
     * @param pixels n·3·size·size pixels in [0, 1]
     * @param labels n labels in [0, classes)
     */
    public BareDjlPgdTraining(
            float[] pixels,
            int[] labels,
            int size,
            int classes,
            double eps,
            int steps,
            int batchSize,
            double learningRate) {
        model = Model.newInstance("cnn", Device.cpu());
        model.setBlock(new SequentialBlock()
                .add(conv(16))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(32))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build()));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed((float) learningRate))
                        .build())
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, 3, size, size));
        NDManager m = trainer.getManager();
        float[] y = new float[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        dataset = new ArrayDataset.Builder()
                .setData(m.create(pixels, new Shape(labels.length, 3, size, size)))
                .optLabels(m.create(y))
                .setSampling(batchSize, true)
                .build();
        this.eps = (float) eps;
        this.steps = steps;
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .build();
    }

    /** One epoch of PGD adversarial training; returns the last batch's loss. */
    public float epoch() throws Exception {
        float last = Float.NaN;
        for (Batch batch : trainer.iterateDataset(dataset)) {
            NDArray x = batch.getData().head();
            NDList y = batch.getLabels();
            NDArray adversarial = pgd(x, y);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = trainer.getLoss().evaluate(y, trainer.forward(new NDList(adversarial)));
                gc.backward(loss);
                last = loss.getFloat();
            }
            trainer.step();
            batch.close();
        }
        return last;
    }

    private NDArray pgd(NDArray x, NDList y) {
        float alpha = 2.5f * eps / steps;
        NDArray delta = x.getManager().randomUniform(-eps, eps, x.getShape());
        delta = x.add(delta).clip(0, 1).sub(x);
        model.getBlock().freezeParameters(true);
        for (int s = 0; s < steps; s++) {
            delta.setRequiresGradient(true);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.evaluate(new NDList(x.add(delta))).singletonOrThrow();
                gc.backward(trainer.getLoss().evaluate(y, new NDList(logits)));
            }
            NDArray g = delta.getGradient();
            delta = delta.add(g.sign().mul(alpha)).clip(-eps, eps);
            delta = x.add(delta).clip(0, 1).sub(x);
        }
        model.getBlock().freezeParameters(false);
        return x.add(delta);
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
