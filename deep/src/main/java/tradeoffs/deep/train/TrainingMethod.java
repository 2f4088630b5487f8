package tradeoffs.deep.train;

import ai.djl.ndarray.NDArray;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/**
 * What one step of {@link AdversarialTraining} minimises, as a small strategy in two phases:
 * {@link #examples} builds the examples to train on from the clean batch (running attacks, which
 * differentiate with respect to the input and so must run outside the step's gradient collector),
 * then {@link #loss} computes the scalar loss on them inside the collector, with the model in
 * training mode. Implementations: {@link StandardTraining}, {@link PgdTraining} (Madry et al. 2018,
 * one norm), {@link MultiPerturbationTraining} (MAX / AVG, Tramèr &amp; Boneh 2019). A method that
 * needs the clean batch in its loss (TRADES: CE(f(x), y) + β·KL(f(x) ‖ f(x′))) overrides
 * {@link #loss}, which receives both.
 *
 * <p>Arrays: everything stays on the model's device; arrays a method creates belong to the manager
 * of the clean batch's images, which the loop closes after the step.
 */
public interface TrainingMethod {

    /**
     * A batch on the model's device.
     *
     * @param images (N, C, H, W), float32 in [0, 1]
     * @param labels (N), int64
     */
    record Batch(NDArray images, NDArray labels) {
        /** Number of examples. */
        public long size() {
            return labels.getShape().get(0);
        }
    }

    /**
     * What a step minimises and how it scores itself.
     *
     * @param loss the scalar to minimise (float32)
     * @param logits the training-mode logits whose argmax counts towards the epoch's accuracy
     * @param labels their labels
     */
    record StepLoss(NDArray loss, NDArray logits, NDArray labels) {}

    /** "standard", or the attacks' norms joined by '+', e.g. "linf" or "l1+linf" (tables, checkpoints). */
    String regime();

    /**
     * The examples this step trains on, built from the clean batch outside the gradient collector;
     * attacks draw their random starts from {@code rng}.
     */
    Batch examples(Classifier model, Batch clean, UniformRandomProvider rng);

    /**
     * Inside the gradient collector: the loss to minimise. Default: the mean cross-entropy of the
     * training-mode logits on {@code examples}.
     */
    default StepLoss loss(Classifier model, Batch clean, Batch examples) {
        return crossEntropy(model, examples);
    }

    /** Mean cross-entropy −(1/N) Σ_i log softmax(f(x_i))_{y_i} of the training-mode logits. */
    static StepLoss crossEntropy(Classifier model, Batch b) {
        NDArray logits = model.logits(b.images(), true);
        NDArray oneHot = b.labels().oneHot(model.numClasses(), ai.djl.ndarray.types.DataType.FLOAT32);
        NDArray ce = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
        return new StepLoss(ce, logits, b.labels());
    }
}
