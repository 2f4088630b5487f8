package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/**
 * A batched white-box attack on a {@link Classifier}, made of PGD {@linkplain Trajectory
 * trajectories} (restarts, target classes) whose results it combines. The work happens on the
 * model's device; random starts draw from the caller's stream, so the same stream gives the same
 * result.
 */
public interface Attack {
    /**
     * Attacks images (N, C, H, W), float32 in [0, 1], with labels (N), int64, both on the model's
     * device; the result's arrays belong to {@code images}' manager.
     */
    AdversarialBatch attack(Classifier model, NDArray images, NDArray labels, UniformRandomProvider rng);

    /**
     * Attacks n images given as n·C·H·W pixels in [0, 1] (row-major) with labels {@code labels}:
     * {@link #attack(Classifier, NDArray, NDArray, UniformRandomProvider)} with one copy to the
     * device and one back.
     */
    default AttackResult attack(Classifier model, float[] images, int[] labels, UniformRandomProvider rng) {
        if (images.length != (long) labels.length * model.imageSize()) {
            throw new IllegalArgumentException(
                    "images has " + images.length + " values, expected " + labels.length + "·" + model.imageSize());
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray x = m.create(images, model.inputShape(labels.length));
            try (AdversarialBatch b = attack(model, x, InputGradient.labels(m, labels), rng)) {
                return b.toJvm();
            }
        }
    }

    /**
     * The PGD trajectories this attack runs per example, in the order they draw from the random
     * stream, for a model with {@code numClasses} classes.
     */
    List<Trajectory> trajectories(int numClasses);

    /** The radius ε of the ball the attack searches. */
    double eps();

    /** The norm of the ball. */
    PerturbationNorm norm();

    /** A short description for tables and logs, e.g. {@code pgd-linf(eps=0.03,steps=10,restarts=1,ce)}. */
    String describe();
}
