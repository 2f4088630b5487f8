package tradeoffs.simulation.training;

import java.util.Arrays;
import tradeoffs.theory.optim.Vectors;

/**
 * The columns y_k = M⁻¹x_k of Y = M⁻¹Aᵀ for the held rows x_k, and the entries x_aᵀy_c of AY, for
 * one factor of the preconditioner M of {@link PieceDirection} (docs/math.md §6.3 item 6). Both
 * depend only on M and the rows, so each column is solved and each entry summed once per factor and
 * kept until M is factored again; a held row is known by its sample row. An entry is the same
 * {@link Vectors#dot}(x_a, y_c) whichever step asks for it, so the kept AY has the same bits as one
 * summed afresh at every step (h(h + 1)/2 dot products of length d per step before).
 *
 * <p>Not thread-safe: one instance per Newton run.
 */
final class HeldColumns {
    private double[][] columns = new double[4][];
    /** The sample row of each kept column. */
    private int[] keys = new int[4];
    /** x_aᵀy_c at a·capacity + c (NaN: not summed yet); capacity = columns.length. */
    private double[] products = filled(16);

    private int kept;

    /** Forgets every column (M was factored again). */
    void clear() {
        kept = 0;
    }

    /** The slot of the column of sample row {@code key}, or −1 if it is not kept. */
    int slot(int key) {
        for (int k = 0; k < kept; k++) {
            if (keys[k] == key) {
                return k;
            }
        }
        return -1;
    }

    /** Keeps {@code column} (M⁻¹x for sample row {@code key}, not kept yet); returns its slot. */
    int add(int key, double[] column) {
        int cap = columns.length;
        if (kept == cap) {
            double[] wider = filled(4 * cap * cap);
            for (int a = 0; a < kept; a++) {
                System.arraycopy(products, a * cap, wider, a * 2 * cap, kept);
            }
            products = wider;
            columns = Arrays.copyOf(columns, 2 * cap);
            keys = Arrays.copyOf(keys, 2 * cap);
            cap *= 2;
        }
        // the slot's row and column of AY belonged to a column of an earlier factor
        Arrays.fill(products, kept * cap, kept * cap + cap, Double.NaN);
        for (int a = 0; a < cap; a++) {
            products[a * cap + kept] = Double.NaN;
        }
        columns[kept] = column;
        keys[kept] = key;
        return kept++;
    }

    /** The column in {@code slot}. */
    double[] column(int slot) {
        return columns[slot];
    }

    /** x_aᵀy_c, {@code row} = x_a the held row of {@code a}'s column (summed on first use). */
    double product(int a, double[] row, int c) {
        int at = a * columns.length + c;
        double v = products[at];
        if (Double.isNaN(v)) {
            v = Vectors.dot(row, columns[c]);
            products[at] = v;
        }
        return v;
    }

    private static double[] filled(int size) {
        double[] a = new double[size];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
