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

/**
 * A classifier: an {@link Architecture}'s block with its parameters on one device, for inputs of a
 * fixed shape {@code (C, H, W)}. Owns its {@link NDManager}; close it to free native memory.
 *
 * <p>Gradients: parameter gradients accumulate across gradient collectors (DJL on PyTorch does
 * not zero them), so the training loop zeroes them after every optimiser step, and attacks switch
 * them off with {@link #parameterGradients(boolean)} so an attack neither pays for nor pollutes
 * them.
 */
public final class Classifier implements AutoCloseable, Predictor {
    private final Architecture architecture;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final NDManager manager;
    private final Block block;
    private final ParameterStore store;
    /** The parameters trained by gradient descent (batch-norm running statistics are not). */
    private final List<Parameter> trainable = new ArrayList<>();

    private Classifier(Architecture architecture, int channels, int height, int width, int numClasses,
            Device device) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive (got " + channels + "x" + height
                    + "x" + width + ")");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2 (got " + numClasses + ")");
        }
        this.architecture = architecture;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.numClasses = numClasses;
        this.manager = DeepRuntime.engine().newBaseManager(device);
        this.block = architecture.build(numClasses);
        this.store = new ParameterStore(manager, false);
    }

    /**
     * A freshly initialised classifier. The seed fixes the initial weights (PyTorch's generator is
     * seeded just before initialisation).
     */
    public static Classifier create(Architecture architecture, int channels, int height, int width,
            int numClasses, Device device, long seed) {
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
    public static Classifier load(Architecture architecture, int channels, int height, int width,
            int numClasses, Device device, InputStream in) throws IOException, MalformedModelException {
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
                    throw new MalformedModelException("parameter " + expected.get(i).getKey() + " has shape " + got + ", but "
                            + architecture.id() + " on " + channels + "x" + height + "x" + width + " images with " + numClasses
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

    /** Writes every parameter (DJL's block format). */
    public void saveParameters(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /**
     * The logits {@code (N, K)} of a batch {@code (N, C, H, W)}. {@code training} selects the
     * training behaviour of batch norm (batch statistics, running averages updated).
     */
    public NDArray logits(NDArray images, boolean training) {
        return block.forward(store, new NDList(images), training).singletonOrThrow();
    }

    /** Inference batch size of {@link #predict}. */
    public static final int PREDICT_BATCH = 256;

    /** Predicted classes (argmax of the logits, inference mode), in batches of {@value #PREDICT_BATCH}. */
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
                NDArray x = m.create(java.nio.FloatBuffer.wrap(pixels, from * d, (to - from) * d), inputShape(to - from));
                long[] p = logits(x, false).argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = (int) p[i];
                }
            }
        }
        return out;
    }

    /** Fails unless {@code images} has this classifier's image shape and number of classes. */
    public void checkShape(ImageSet images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new IllegalArgumentException("images are " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " but the model expects " + channels + "x" + height + "x" + width);
        }
        if (images.numClasses() != numClasses) {
            throw new IllegalArgumentException("images have " + images.numClasses() + " classes but the model has "
                    + numClasses);
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

    public Architecture architecture() {
        return architecture;
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

    public int numClasses() {
        return numClasses;
    }

    /** Pixels per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.getArray().size();
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
