package tradeoffs.deep.device;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Gradient recording for the calling thread only, so that several threads can train or attack
 * different models at the same time. DJL's {@code GradientCollector} allows one collector in the
 * whole process (a static flag), although PyTorch's grad mode is per thread; this class switches
 * that per-thread mode on for a block and runs the backward pass, nothing else:
 *
 * <pre>{@code
 * try (Autograd g = Autograd.record()) {
 *     NDArray loss = ...;
 *     g.backward(loss);      // gradients of the scalar loss in every leaf that requires them
 * }
 * }</pre>
 *
 * PyTorch engine only (the one this project ships). A new thread starts with recording ON in
 * PyTorch, so worker threads call {@link #inferenceOnly()} first, as the engine's loading thread
 * does: otherwise every forward pass of a model whose parameters require gradients would build a
 * graph.
 */
public final class Autograd implements AutoCloseable {
    private final boolean previous;

    private Autograd() {
        DeepRuntime.engine();
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    /** Starts recording operations on the calling thread until {@link #close()}. */
    public static Autograd record() {
        return new Autograd();
    }

    /** d target / d leaf for a scalar {@code target}, accumulated into each leaf's gradient. */
    public void backward(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
        }
    }

    /** Switches recording off for the calling thread (call once when a worker thread starts). */
    public static void inferenceOnly() {
        DeepRuntime.engine();
        JniUtils.setGradMode(false);
    }

    /** Restores the thread's previous mode. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
