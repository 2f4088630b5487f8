package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import tradeoffs.theory.ParameterException;

/**
 * What an attack maximises, per example, from the logits f(x + δ) and the one-hot label.
 */
public enum AttackLoss {
    /** Cross-entropy −log softmax(f)_y. */
    CROSS_ENTROPY("ce"),
    /**
     * The Carlini–Wagner margin max_{j≠y} f_j − f_y, positive exactly when the example is
     * misclassified (Carlini &amp; Wagner 2017; the margin BETA maximises, Robey et al. 2024).
     */
    MARGIN("margin");

    private final String id;

    AttackLoss(String id) {
        this.id = id;
    }

    /** The per-example objective (shape (N)) for logits (N, K) and one-hot labels (N, K). */
    public NDArray objective(NDArray logits, NDArray oneHot) {
        if (this == CROSS_ENTROPY) {
            return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        }
        NDArray fy = logits.mul(oneHot).sum(new int[] {1});
        // The label's own logit is pushed far below so the max runs over the wrong classes only.
        NDArray other = logits.sub(oneHot.mul(1e9f)).max(new int[] {1});
        return other.sub(fy);
    }

    /**
     * Parses {@code ce} or {@code margin}; {@code parameter} names it in errors (a
     * {@link ParameterException}, e.g. {@code "loss"}).
     */
    public static AttackLoss parse(String text, String parameter) {
        for (AttackLoss l : values()) {
            if (l.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new ParameterException(parameter, "must be one of ce, margin", "'" + text + "'");
    }

    /**
     * The name of the evaluation that runs PGD on cross-entropy, then the BETA attack (Robey et al.
     * 2024); a point counts as robust only if both fail.
     */
    public static final String CE_BETA = "ce+beta";

    /**
     * Parses an evaluation attack's loss: {@code ce}, {@code margin}, or {@link #CE_BETA} (returned as
     * null: PGD-CE followed by BETA); {@code parameter} names it in errors (a
     * {@link ParameterException}, e.g. {@code "loss"}).
     */
    public static AttackLoss parseEvaluation(String text, String parameter) {
        if (text.trim().equalsIgnoreCase(CE_BETA)) {
            return null;
        }
        try {
            return parse(text, parameter);
        } catch (ParameterException e) {
            throw new ParameterException(parameter, "must be one of ce, margin, " + CE_BETA, "'" + text + "'");
        }
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
