package tradeoffs.deep.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.deep.metrics.Predictor;
import tradeoffs.theory.ParameterException;

/**
 * A classifier: a network with its parameters on one device, for inputs of a fixed shape
 * {@code (C, H, W)} with pixels in [0, 1], giving one logit per output. Either an
 * {@link Architecture} built and trained here, or a model imported from a TorchScript file
 * ({@link TorchScriptModel}), whose normalisation and class mapping live inside {@link #logits}, so
 * attacks always work in pixel space. Owns its native resources; close it to free them.
 *
 * <p>Outputs and labels: {@link #numClasses()} is the number of logits; {@link #labelClasses()} the
 * number K of the data's classes. They differ only for an imported model whose class mapping has a
 * "none" column (e.g. ImageNet-1k outputs that belong to no ImageNet-9 class): that column is an
 * ordinary wrong class for attacks, and {@link #predict} reports it as {@link Predictor#NONE}.
 *
 * <p>Gradients: parameter gradients accumulate across gradient collectors (DJL on PyTorch does
 * not zero them), so the training loop zeroes them after every optimiser step, and attacks switch
 * them off with {@link #parameterGradients(boolean)} so an attack neither pays for nor pollutes
 * them. An imported model's parameters are frozen for good.
 */
public final class Classifier implements AutoCloseable, Predictor {
    /** How the logits of a batch are computed. */
    @FunctionalInterface
    interface Forward {
        NDArray logits(NDArray images, boolean training);
    }

    private final Architecture architecture;
    private final String description;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final int labelClasses;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    private final Forward forward;
    private final AutoCloseable owner;
    /** The parameters trained by gradient descent (batch-norm running statistics are not). */
    private final List<Parameter> trainable = new ArrayList<>();

    private Classifier(Architecture architecture, int channels, int height, int width, int numClasses, Device device) {
        checkShape(channels, height, width, numClasses);
        this.architecture = architecture;
        this.description = architecture.id();
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.labelClasses = numClasses;
        this.manager = DeepRuntime.engine().newBaseManager(device);
        this.block = architecture.build(numClasses);
        this.store = new ParameterStore(manager, false);
        this.forward =
                (x, training) -> block.forward(store, new NDList(x), training).singletonOrThrow();
        this.owner = null;
    }

    private Classifier(
            String description,
            int channels,
            int height,
            int width,
            int outputs,
            int labelClasses,
            NDManager manager,
            Block block,
            Forward forward,
            AutoCloseable owner) {
        checkShape(channels, height, width, labelClasses);
        if (outputs < labelClasses) {
            throw new IllegalArgumentException(
                    "outputs (" + outputs + ") must be >= label classes (" + labelClasses + ")");
        }
        this.architecture = null;
        this.description = description;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = outputs;
        this.labelClasses = labelClasses;
        this.manager = manager;
        this.block = block;
        this.store = new ParameterStore(manager, false);
        this.forward = forward;
        this.owner = owner;
    }

    private static void checkShape(int channels, int height, int width, int numClasses) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image shape must be positive (got " + channels + "x" + height + "x" + width + ")");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2 (got " + numClasses + ")");
        }
    }

    /**
     * A classifier around an imported network: {@code forward} computes the (mapped) logits, whose
     * width is {@code outputs}; the first {@code labelClasses} are the data's classes. Closing it
     * closes {@code owner} (the DJL model holding the network).
     */
    static Classifier imported(
            String description,
            int channels,
            int height,
            int width,
            int outputs,
            int labelClasses,
            NDManager manager,
            Block block,
            Forward forward,
            AutoCloseable owner) {
        return new Classifier(
                description, channels, height, width, outputs, labelClasses, manager, block, forward, owner);
    }

    /**
     * A freshly initialised classifier. The seed fixes the initial weights (PyTorch's generator is
     * seeded just before initialisation).
     */
    public static Classifier create(
            Architecture architecture, int channels, int height, int width, int numClasses, Device device, long seed) {
        Classifier c = new Classifier(architecture, channels, height, width, numClasses, device);
        DeepRuntime.seed(seed);
        c.block.initialize(c.manager, DataType.FLOAT32, c.inputShape(1));
        c.collectTrainable();
        return c;
    }

    /**
     * A classifier whose parameters are read from {@code in} (written by {@link #saveParameters}).
     * Parameters whose shapes are not the ones the architecture needs for this input shape and
     * number of classes (a file of another model) are a {@link MalformedModelException} naming the
     * first such parameter, not a failure at the first forward pass.
     */
    public static Classifier load(
            Architecture architecture,
            int channels,
            int height,
            int width,
            int numClasses,
            Device device,
            InputStream in)
            throws IOException, MalformedModelException {
        Classifier c = new Classifier(architecture, channels, height, width, numClasses, device);
        c.block.initialize(c.manager, DataType.FLOAT32, c.inputShape(1));
        c.collectTrainable();
        List<Pair<String, Shape>> expected = new ArrayList<>();
        for (Pair<String, Parameter> p : c.block.getParameters()) {
            expected.add(new Pair<>(p.getKey(), p.getValue().getArray().getShape()));
        }
        try {
            c.block.loadParameters(c.manager, new DataInputStream(in));
            ai.djl.nn.ParameterList loaded = c.block.getParameters();
            for (int i = 0; i < expected.size(); i++) {
                Shape got = loaded.get(i).getValue().getArray().getShape();
                if (!got.equals(expected.get(i).getValue())) {
                    throw new MalformedModelException("parameter "
                            + expected.get(i).getKey() + " has shape " + got + ", but "
                            + architecture.id() + " on " + channels + "x" + height + "x" + width + " images with "
                            + numClasses
                            + " classes needs " + expected.get(i).getValue() + " (the file is of another model)");
                }
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            c.close();
            throw e;
        }
        // Loaded arrays do not require gradients yet; switch them on like a fresh model's.
        c.parameterGradients(true);
        return c;
    }

    /** Writes every parameter (DJL's block format); only for an {@link Architecture}'s model. */
    public void saveParameters(OutputStream out) throws IOException {
        if (architecture == null) {
            throw new IllegalStateException("an imported model (" + description + ") is not saved as a checkpoint");
        }
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /**
     * The logits {@code (N, numClasses)} of a batch {@code (N, C, H, W)}. {@code training} selects the
     * training behaviour of batch norm (batch statistics, running averages updated); an imported
     * module keeps the mode it was traced in ({@link TorchScriptModel}) whatever is asked.
     */
    public NDArray logits(NDArray images, boolean training) {
        return forward.logits(images, training);
    }

    /** Inference batch size of {@link #predict}. */
    public static final int PREDICT_BATCH = 256;

    /**
     * Predicted classes (argmax of the logits, inference mode), in batches of {@value #PREDICT_BATCH};
     * an argmax beyond the data's classes (an imported model's "none" column) is {@link Predictor#NONE}.
     */
    @Override
    public int[] predict(ImageSet images) {
        checkShape(images);
        return predict(images.pixels(), images.size());
    }

    /** Predicted classes of n images given as n·C·H·W pixels. */
    public int[] predict(float[] pixels, int n) {
        int d = imageSize();
        int[] out = new int[n];
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int to = Math.min(n, from + PREDICT_BATCH);
            try (NDManager m = manager.newSubManager()) {
                NDArray x =
                        m.create(java.nio.FloatBuffer.wrap(pixels, from * d, (to - from) * d), inputShape(to - from));
                long[] p =
                        logits(x, false).argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = p[i] < labelClasses ? (int) p[i] : Predictor.NONE;
                }
            }
        }
        return out;
    }

    /**
     * Fails unless {@code images} has this classifier's image shape and its number of classes.
     *
     * @throws ParameterException {@code image_size} or {@code data}, naming both sides
     */
    public void checkShape(ImageSet images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new ParameterException(
                    "image_size",
                    "must match the model's input " + channels + "x" + height + "x" + width,
                    images.channels() + "x" + images.height() + "x" + images.width() + " images in " + images.name());
        }
        if (images.numClasses() != labelClasses) {
            throw new ParameterException(
                    "data",
                    "must have as many classes as the model (" + labelClasses + ")",
                    images.numClasses() + " classes in " + images.name());
        }
    }

    /** Switches gradients of all parameters on (training) or off (attacks, inference). */
    public void parameterGradients(boolean on) {
        for (Parameter p : trainable) {
            p.freeze(!on);
        }
    }

    private void collectTrainable() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                trainable.add(p.getValue());
            }
        }
    }

    /** The trainable parameters, in the block's order. */
    public List<Parameter> trainableParameters() {
        return Collections.unmodifiableList(trainable);
    }

    /** Sets every parameter's accumulated gradient to zero. */
    public void zeroGradients() {
        for (Parameter p : trainable) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                } catch (IllegalStateException noGradientYet) {
                    // no backward pass has reached this parameter yet: nothing to zero
                }
            }
        }
    }

    /** The shape {@code (n, C, H, W)}. */
    public Shape inputShape(long n) {
        return new Shape(n, channels, height, width);
    }

    public Block block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** The architecture, or null for an imported model. */
    public Architecture architecture() {
        return architecture;
    }

    /** What the model is: the architecture's name, or {@code torchscript:<file>} for an imported model. */
    public String description() {
        return description;
    }

    /** True for a model imported from a file rather than built from an {@link Architecture}. */
    public boolean imported() {
        return architecture == null;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The number of logits (K, or K + 1 for an imported model with a "none" column). */
    public int numClasses() {
        return numClasses;
    }

    /** K, the number of the data's classes the model predicts. */
    public int labelClasses() {
        return labelClasses;
    }

    /** Pixels per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Number of trainable scalars (for an imported model: of all its parameters). */
    public long parameterCount() {
        long n = 0;
        if (imported()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                n += p.getValue().getArray().size();
            }
            return n;
        }
        for (Parameter p : trainable) {
            n += p.getArray().size();
        }
        return n;
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + description, e);
            }
        } else {
            manager.close();
        }
    }
}
