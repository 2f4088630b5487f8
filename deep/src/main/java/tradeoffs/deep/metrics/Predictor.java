package tradeoffs.deep.metrics;

import tradeoffs.deep.benchmark.ImageSet;

/** Anything that labels images: a trained network, a linear model, an imported model, a test double. */
@FunctionalInterface
public interface Predictor {
    /**
     * The answer "none of the data's classes", for a model whose outputs include classes the data
     * does not have (e.g. an ImageNet-1k model on ImageNet-9, where 630 of the 1000 classes map to
     * no super-class). It never equals a label, so it counts as wrong.
     */
    int NONE = -1;

    /** One predicted class per image of {@code images}, in order: a label in [0, K) or {@link #NONE}. */
    int[] predict(ImageSet images);
}
