package tradeoffs.deep.attack;

import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/** A batched white-box attack on a {@link Classifier}. */
public interface Attack {
    /**
     * Attacks n images (n·C·H·W pixels in [0, 1], row-major) with labels {@code labels}. Random
     * starts draw from {@code rng}, so the same stream gives the same result.
     */
    AttackResult attack(Classifier model, float[] images, int[] labels, UniformRandomProvider rng);

    /** The radius ε of the ball the attack searches. */
    double eps();

    /** The norm of the ball. */
    PerturbationNorm norm();

    /** A short description for tables and logs, e.g. {@code pgd-linf(eps=0.03,steps=10,restarts=1,ce)}. */
    String describe();
}
