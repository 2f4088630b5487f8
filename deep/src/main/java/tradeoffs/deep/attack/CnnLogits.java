package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.List;
import tradeoffs.deep.model.Architecture;
import tradeoffs.deep.model.Classifier;

/**
 * The logits of the {@link Architecture#CNN} in inference mode, computed from its parameters with
 * the same operations as its DJL block but with each 2×2 max pool run on a channels-last copy of
 * its input and followed, not preceded, by the ReLU: the same values and the same input gradients,
 * bit for bit, in less time. Attacks spend most of their time in these passes (one forward and
 * backward pass per row and step).
 *
 * <p>Why the values are identical: ReLU and max commute exactly (both are exact, and ReLU is
 * monotone: max(ReLU(a), ReLU(b)) = ReLU(max(a, b))), a memory-layout copy does not change a value,
 * and the convolutions and dense layers see the same tensors as in the block. Why the gradients are
 * identical: PyTorch's max pool sends each window's gradient to its first maximum in row-major
 * order in both memory layouts; where the window's maximum is positive, that is the same element
 * before and after the ReLU, with ReLU slope 1; where it is ≤ 0, both orders give gradient 0 (the
 * block's ReLU has slope 0 at every element of the window, this one at the maximum). Windows do not
 * overlap, so no gradient is a sum whose order could differ.
 *
 * <p>Why it is faster: on the CPU, PyTorch's max pool over a contiguous (N, C, H, W) tensor is a
 * scalar loop per window, while over a channels-last tensor it runs vectorised across channels;
 * measured on this project's CNN at 16×16 (256 rows, one CPU thread, thread CPU time interleaved):
 * forward 20 against 43 µs per image, forward and input gradient 50 against 65 µs per image
 * (benchmarks/results/deepeval2.md). The conversions are reshapes of the views (a copy each way),
 * so the convolutions still get contiguous input, as in the block.
 */
final class CnnLogits {
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);
    private static final Shape ONE = new Shape(1, 1);

    private CnnLogits() {}

    /**
     * The logits (N, K) of {@code model} on {@code images} (N, C, H, W) in inference mode: for a
     * CNN trained here, by this class's route; for any other model, {@link Classifier#logits}.
     */
    static NDArray of(Classifier model, NDArray images) {
        List<NDArray> p = parameters(model);
        if (p == null) {
            return model.logits(images, false);
        }
        NDArray h = reluPool(conv(images, p.get(0), p.get(1)));
        h = reluPool(conv(h, p.get(2), p.get(3)));
        h = h.reshape(h.getShape().get(0), -1);
        h = Activation.relu(linear(h, p.get(4), p.get(5)));
        return linear(h, p.get(6), p.get(7));
    }

    /**
     * The eight parameter arrays of a CNN trained here (two convolutions and two dense layers,
     * weight then bias), or null when {@code model} is not one: imported models and other
     * architectures take their own forward pass.
     */
    static List<NDArray> parameters(Classifier model) {
        if (model.imported() || model.architecture() != Architecture.CNN) {
            return null;
        }
        List<NDArray> out = model.block().getParameters().values().stream()
                .map(Parameter::getArray)
                .toList();
        int[] dims = {4, 1, 4, 1, 2, 1, 2, 1};
        if (out.size() != dims.length) {
            return null;
        }
        for (int i = 0; i < dims.length; i++) {
            if (out.get(i).getShape().dimension() != dims[i]) {
                return null;
            }
        }
        return out;
    }

    /** 3×3 convolution, stride 1, padding 1, as the CNN's Conv2d blocks. */
    private static NDArray conv(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal()
                .convolution(x, weight, bias, ONE, ONE, ONE, 1)
                .singletonOrThrow();
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /**
     * ReLU(maxpool₂ₓ₂(x)) = maxpool₂ₓ₂(ReLU(x)), the pool over a channels-last copy of x: reshaping
     * the (N, H, W, C) view to (N, H, W·C) cannot be a view, so it copies into channels-last order;
     * the pooled result, channels-last, is copied back to a contiguous (N, C, H′, W′) the same way.
     */
    private static NDArray reluPool(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray channelsLast =
                x.transpose(0, 2, 3, 1).reshape(n, h, w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
        NDArrayEx ex = channelsLast.getNDArrayInternal();
        NDArray pooled = ex.maxPool(POOL, POOL, NO_PADDING, false);
        Shape p = pooled.getShape();
        NDArray contiguous = pooled.reshape(n, c * p.get(2), p.get(3)).reshape(p);
        return Activation.relu(contiguous);
    }
}
