package tradeoffs.io.schema;

/**
 * The values of the {@link ColumnNames#NON_SMOOTH} column of the Monte Carlo tables: why a row's
 * population quantity sits at a non-smooth point, where its finite-sample estimate is biased by more
 * than O(1/n) and its z-score does not measure agreement (docs/math.md §7.4). An empty cell means
 * smooth.
 */
public final class NonSmoothLabels {
    private NonSmoothLabels() {}

    /**
     * The population weights sit at or near a kink of the attack's penalty ‖w‖_q: at ε &gt; 0, at
     * least one repetition's weights lie on another face of ‖·‖_q than the population weights (another
     * zero set for an ℓ∞ attack, another set of tied largest coordinates for an ℓ1 attack, w = 0
     * against w ≠ 0 for any attack). Every quantity of the point carries it. Bias O(n^(−1/2)).
     */
    public static final String KINK = "kink";

    /**
     * A quantity that is ≥ 0 by construction (spurious reliance, the ℓ2 norm of a block of several
     * weights) whose population value is exactly 0. Bias O(n^(−1/2)) (χ-type).
     */
    public static final String NONNEGATIVE_ZERO = "nonnegative_zero";

    /** The ℓ2 norm of a block of several weights whose population value is not 0. Bias O(1/n) (Jensen). */
    public static final String BLOCK_NORM = "block_norm";

    /** The exponent the bias of a row of this kind must at least fall with, n^rate (docs/math.md §7.4). */
    public static double rate(String kind) {
        return switch (kind) {
            case KINK, NONNEGATIVE_ZERO -> -0.5;
            case BLOCK_NORM -> -1.0;
            default -> throw new IllegalArgumentException("not a non-smooth kind: '" + kind + "'");
        };
    }
}
