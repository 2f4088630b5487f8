package tradeoffs.deep.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.stream.Collectors;
import tradeoffs.theory.ParameterException;

/**
 * The image classifiers, each a DJL {@link Block} mapping a batch {@code (N, C, H, W)} of pixels in
 * [0, 1] to {@code (N, K)} logits. Sizes are small on purpose: the deep validation must train
 * several models in minutes on two CPU cores.
 */
public enum Architecture {
    /** The default: conv(16)-ReLU-maxpool, conv(32)-ReLU-maxpool, dense(64)-ReLU, dense(K). */
    CNN("cnn") {
        @Override
        public Block build(int numClasses) {
            return new SequentialBlock()
                    .add(conv(16, 1))
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(conv(32, 1))
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(64).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
        }
    },
    /**
     * A small pre-activation-free ResNet (He et al. 2016): a 16-channel stem, two residual stages
     * (16 and 32 channels, the second with stride 2 and a 1×1 projection shortcut), global
     * average pooling and a dense layer. Batch norm runs in inference mode during attacks.
     */
    RESNET("resnet") {
        @Override
        public Block build(int numClasses) {
            return new SequentialBlock()
                    .add(conv(16, 1))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(residual(16, 1, false))
                    .add(residual(32, 2, true))
                    .add(Pool.globalAvgPool2dBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
        }
    },
    /** A multilayer perceptron on the flattened image: dense(256)-ReLU, dense(128)-ReLU, dense(K). */
    MLP("mlp") {
        @Override
        public Block build(int numClasses) {
            return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(256).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(128).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
        }
    },
    /** Multinomial logistic regression on the flattened image: logits = W x + b. */
    LINEAR("linear") {
        @Override
        public Block build(int numClasses) {
            return new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(numClasses).build());
        }
    };

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The untrained block for {@code numClasses} classes. */
    public abstract Block build(int numClasses);

    /** The name used on the command line and in checkpoints. */
    public String id() {
        return id;
    }

    /** Parses a name ({@code cnn, resnet, mlp, linear}). */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new ParameterException("model", "must be one of " + names(), "'" + name + "'");
    }

    @Override
    public String toString() {
        return id;
    }

    private static Block conv(int filters, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride))
                .build();
    }

    /** out = ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x)). */
    private static Block residual(int filters, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(filters, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(filters, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock()
                        .add(Conv2d.builder()
                                .setFilters(filters)
                                .setKernelShape(new Shape(1, 1))
                                .optStride(new Shape(stride, stride))
                                .optBias(false)
                                .build())
                        .add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(
                        list -> new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        java.util.List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    static String names() {
        return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
    }
}
