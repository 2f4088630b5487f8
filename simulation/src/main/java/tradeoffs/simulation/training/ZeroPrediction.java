package tradeoffs.simulation.training;

import java.util.Arrays;

/**
 * The free rows a sign-piece Newton step is asked to bring to zero (docs/math.md §6.3 item 8,
 * [derived]), from {@link #MIN_D} features on: those with |r_i| ≤ {@link #RADIUS}·‖x_i‖·‖Δw‖, Δw the last step, when there are at
 * most {@link #MAX_FRACTION}·d of them (more: the steps are not yet local, and none is
 * predicted). The step then solves its Newton system with x_iᵀp = r_i for these rows besides
 * x_kᵀp = 0 for the held ones ({@link PieceDirection}), so that all of them reach zero together at
 * τ = 1; a row whose solved dual sign leaves the subdifferential (|s_i + σ_i| &gt; 1) is dropped.
 * The rows that the line search leaves at |r_i| ≤ {@link #REACHED}·|r_i before| join the held
 * set.
 *
 * <p>Rows are positions in the explicit rows U of {@link SignPieceNewton}; not thread-safe.
 */
final class ZeroPrediction {
    /**
     * A row is predicted when its kink lies within this fraction of the last step's length. On
     * the benchmark samples (FiniteSampleInstance seed 1; n = 10³, d = 100 and n = 10⁴, d = 20,
     * ε at 0.05 and 0.5 of the threshold) 0.2 and 0.4 gave 8/7/6/8 and 8/7/7/8 Newton steps
     * against 17/12/8/11 without prediction; at n = 10³, d = 100, 0.05 the rows held at the
     * optimum were 7 of the 10 rows nearest to zero (|r_i|/‖x_i‖) after two steps.
     */
    static final double RADIUS = 0.2;
    /**
     * At most this fraction of d rows is predicted. With the nearest 0.1·d, 0.2·d and 0.3·d rows
     * kept when there were more (seed 1 as above): 9/8/8/8, 8/7/6/8 and 8/7/6/8 steps; at 0.5·d
     * the early, long steps predicted 50 rows of which 1–7 survived the dual-sign test, and the
     * columns of Y for the rest made the fit slower than without prediction (1.9–2.4 against
     * 1.4–1.5 ms at n = 10³, d = 100, 0.5).
     */
    static final double MAX_FRACTION = 0.2;
    /**
     * Rows are predicted from this many features on. At d = 20 the steps are few and cheap next to
     * the passes (the factor of H is formed at every step, d³/3), and the prediction saved 0–3 of
     * 5–12 steps: FiniteSampleSolveMain CPU ms, main against prediction at every d, three
     * alternated fresh JVMs each (load 5–7): n = 10³, 0.05: 0.131–0.147 against 0.149–0.185;
     * n = 10⁴, 0.05: 1.03–1.09 against 0.96–1.27, 0.5: 1.36–2.79 against 1.15–1.65. At d = 100
     * it paid (n = 10³: 1.55–1.81 → 1.30–1.35 ms at 0.05, 1.56–2.06 → 1.34–1.43 at 0.5).
     */
    static final int MIN_D = 64;
    /**
     * A predicted row has reached zero when the step left at most this fraction of its residual
     * (at τ = 1 the rounding of x_iᵀp alone, about 1e-15).
     */
    static final double REACHED = 1e-9;

    private int[] rows = new int[0];
    private double[] before = new double[0];
    private int count;

    /**
     * How many rows may be predicted with d features and {@code held} rows already held: none
     * below {@link #MIN_D}, else {@link #MAX_FRACTION}·d, and never more than d/2 held and
     * predicted rows together.
     */
    static int limit(int d, int held) {
        return d < MIN_D ? 0 : Math.min((int) (MAX_FRACTION * d), d / 2 - held);
    }

    /** How many rows are predicted. */
    int count() {
        return count;
    }

    /** The k-th predicted row (position in U). */
    int row(int k) {
        return rows[k];
    }

    /** Its residual when it was predicted: the step's target x_iᵀp. */
    double target(int k) {
        return before[k];
    }

    /** Forgets every prediction. */
    void clear() {
        count = 0;
    }

    /**
     * Predicts the free rows of U (m rows, residuals r, {@code held} flags, ‖x_i‖ in
     * {@code xnorm} by sample row, {@code u} the sample rows, null: U is every row) with |r_i| ≤
     * ‖x_i‖·rad, if there are at most {@code max} of them; none otherwise.
     */
    void choose(double[] r, boolean[] held, double[] xnorm, int[] u, int m, int max, double rad) {
        count = 0;
        if (!(rad > 0) || max <= 0) {
            return;
        }
        if (rows.length < max + 1) {
            rows = new int[max + 1];
            before = new double[max + 1];
        }
        for (int k = 0; k < m; k++) {
            if (!held[k] && Math.abs(r[k]) <= xnorm[u == null ? k : u[k]] * rad) {
                if (count == max) {
                    count = 0;
                    return;
                }
                rows[count] = k;
                before[count++] = r[k];
            }
        }
    }

    /**
     * After a screen from every row to U ({@code u}: the sample rows of U, increasing): the
     * predicted rows at their new positions; those screened out are dropped.
     */
    void renumber(int[] u) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int pos = Arrays.binarySearch(u, rows[k]);
            if (pos >= 0) {
                rows[kept] = pos;
                before[kept++] = before[k];
            }
        }
        count = kept;
    }

    /**
     * Keeps the rows whose dual sign the step solved as σ_k = {@code sigma[offset + k]} with
     * |s_i + σ_k| ≤ 1 (the row is in b with its sign s_i, so its subgradient is s_i + σ_k);
     * returns whether any was dropped.
     */
    boolean keepConsistent(byte[] sign, double[] sigma, int offset) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (Math.abs(sign[rows[k]] + sigma[offset + k]) <= 1) {
                rows[kept] = rows[k];
                before[kept++] = before[k];
            }
        }
        boolean dropped = kept < count;
        count = kept;
        return dropped;
    }

    /** Whether the k-th predicted row, now at residual {@code now}, has reached zero. */
    boolean reached(int k, double now) {
        return Math.abs(now) <= REACHED * Math.abs(before[k]);
    }
}
