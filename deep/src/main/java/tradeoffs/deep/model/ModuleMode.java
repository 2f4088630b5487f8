package tradeoffs.deep.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Whether an imported module behaves as in evaluation mode, found by probing it (see
 * {@link #probe}). A traced TorchScript module fixes dropout and batch-norm
 * behaviour when it is traced: {@code eval()} or {@code train()} afterwards changes nothing, so
 * only its outputs can tell.
 */
public enum ModuleMode {
    /** Deterministic and batch-independent, as a module traced after {@code .eval()} is. */
    EVAL("eval", "deterministic and batch-independent outputs"),
    /** Two identical forward passes differ: something random is active (dropout in train mode). */
    TRAIN_STOCHASTIC("train", "two identical forward passes differ (dropout or other noise active)"),
    /** An image's logits depend on the rest of its batch (batch norm with batch statistics). */
    TRAIN_BATCH_STATISTICS("train", "an image's logits depend on the rest of its batch (batch statistics)");

    /** Images in the probe's batch. */
    static final int BATCH = 4;
    /** Relative tolerance of the probe's comparisons (far above float round-off, far below dropout's effect). */
    static final double TOLERANCE = 1e-4;

    private final String mode;
    private final String evidence;

    ModuleMode(String mode, String evidence) {
        this.mode = mode;
        this.evidence = evidence;
    }

    /** {@code eval} or {@code train}. */
    public String mode() {
        return mode;
    }

    /** What the probe saw. */
    public String evidence() {
        return evidence;
    }

    @Override
    public String toString() {
        return mode + " (" + evidence + ")";
    }

    /**
     * Probes the module with {@value #BATCH} random images (uniform pixels, fixed seed): two
     * passes of the same batch that differ mean {@link #TRAIN_STOCHASTIC}; image 0's logits
     * alone differing from its logits in the batch mean {@link #TRAIN_BATCH_STATISTICS};
     * else {@link #EVAL}. Differences count when they exceed {@value #TOLERANCE}
     * times (1 + the largest |logit|). A module in train mode updates its batch-norm running
     * statistics on every pass, this probe's included.
     */
    public static ModuleMode probe(Classifier model, long seed) {
        int d = model.imageSize();
        float[] px = new float[BATCH * d];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextFloat();
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(px, model.inputShape(BATCH));
            float[] a = model.logits(x, false).toFloatArray();
            float[] b = model.logits(x, false).toFloatArray();
            if (differ(a, b, 0, a.length)) {
                return ModuleMode.TRAIN_STOCHASTIC;
            }
            NDArray one = m.create(java.util.Arrays.copyOf(px, d), model.inputShape(1));
            float[] alone = model.logits(one, false).toFloatArray();
            if (differ(alone, a, 0, alone.length)) {
                return ModuleMode.TRAIN_BATCH_STATISTICS;
            }
            return ModuleMode.EVAL;
        }
    }

    private static boolean differ(float[] a, float[] b, int from, int to) {
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        for (int i = from; i < to; i++) {
            if (Math.abs(a[i] - b[i]) > TOLERANCE * (1 + scale)) {
                return true;
            }
        }
        return false;
    }
}
