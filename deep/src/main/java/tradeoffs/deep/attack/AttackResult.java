package tradeoffs.deep.attack;

/**
 * The outcome of attacking a batch of n images.
 *
 * @param adversarial the perturbed images (n·C·H·W, row-major, in [0, 1]): per example the final
 *     iterate of the restart (or target class) that did most damage
 * @param fooled per example, whether any point the attack visited (every iterate of every restart)
 *     was misclassified
 * @param objective per example, the attack objective at {@code adversarial}
 */
public record AttackResult(float[] adversarial, boolean[] fooled, double[] objective) {
    public AttackResult {
        if (fooled.length != objective.length) {
            throw new IllegalArgumentException("fooled and objective must have one entry per example");
        }
    }

    /** Number of examples. */
    public int size() {
        return fooled.length;
    }
}
