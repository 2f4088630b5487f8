package tradeoffs.deep.metrics;

import tradeoffs.deep.benchmark.ImageSet;

/** Anything that labels images: a trained network, a linear model, a test double. */
@FunctionalInterface
public interface Predictor {
    /** One predicted class per image of {@code images}, in order. */
    int[] predict(ImageSet images);
}
