package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.io.schema.NonSmoothLabels;

/**
 * Every Monte Carlo row of a folder that carries a z-score against theory: the main grid
 * ({@code sim_agreement.csv}), the core-only runs ({@code sim_core_only.csv}) and the scale-boundary
 * case ({@code sim_kink.csv}), reduced to the columns the agreement summaries need, with the table
 * each row came from, a key naming the row's grid point and quantity (to find its bias ladder in
 * {@code sim_nonsmooth.csv}, {@link #key}) and its non-smooth mark (docs/math.md §7.4). The core-only
 * runs' spurious quantities are left out: without a spurious feature they are 0 by construction.
 *
 * <p>A table written before the {@code non_smooth} column existed gets the mark its writer would
 * have given the one case it can be told from the table alone: spurious reliance with theory value
 * exactly 0 ({@link NonSmoothLabels#NONNEGATIVE_ZERO}).
 */
public final class MonteCarloRows {
    /** The table a row came from. */
    public static final String SOURCE = "source";
    /** The row's grid point and quantity, as {@link #key} spells it. */
    public static final String KEY = "key";

    static final List<String> NEEDS = List.of(NORM, QUANTITY, THEORY, MEAN, Z);
    static final List<String> COLUMNS =
            List.of(SOURCE, KEY, NORM, EPS, SIGMA_CORE, SIGMA_SPURIOUS, QUANTITY, THEORY, MEAN, Z, NON_SMOOTH);
    /** The columns that identify a Monte Carlo row, in key order (those a table lacks are skipped). */
    static final List<String> KEY_COLUMNS =
            List.of(MODEL, SIGMA_CORE, SIGMA_SPURIOUS, ETA, NOISE, DIM_CORE, DIM_SPURIOUS, NORM, EPS, QUANTITY);

    private MonteCarloRows() {}

    /** The rows with z-scores; empty (no rows) when the folder has no Monte Carlo table. */
    public static ResultTable withZ(ResultsFolder folder) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        for (String name : List.of(SIM_AGREEMENT, SIM_CORE_ONLY, SIM_KINK)) {
            folder.table(name).filter(t -> t.columns().containsAll(NEEDS)).ifPresent(t -> {
                for (int i = 0; i < t.size(); i++) {
                    String q = t.get(i, QUANTITY);
                    if (name.equals(SIM_CORE_ONLY) && (q.equals(RELIANCE) || q.equals(W_SPURIOUS))) {
                        continue; // no spurious feature: 0 by construction, nothing to compare
                    }
                    String mark = t.hasColumn(NON_SMOOTH)
                            ? t.get(i, NON_SMOOTH)
                            : q.equals(RELIANCE) && t.getDouble(i, THEORY) == 0.0
                                    ? NonSmoothLabels.NONNEGATIVE_ZERO
                                    : "";
                    b.row(
                            name,
                            key(t, i),
                            t.get(i, NORM),
                            cell(t, i, EPS),
                            cell(t, i, SIGMA_CORE),
                            cell(t, i, SIGMA_SPURIOUS),
                            q,
                            t.get(i, THEORY),
                            t.get(i, MEAN),
                            t.get(i, Z),
                            mark);
                }
            });
        }
        return b.build();
    }

    /**
     * The key of row {@code i}: "column=value" for each of {@link #KEY_COLUMNS} that the table has
     * and that is not empty, joined by ", ". The Monte Carlo tables and the bias-ladder table
     * ({@code sim_nonsmooth.csv}, one row per rung of a point's ladder: all its rungs share the key)
     * take their labels from the same scenarios, so equal points have equal keys.
     */
    public static String key(ResultTable t, int i) {
        List<String> parts = new ArrayList<>();
        for (String c : KEY_COLUMNS) {
            if (t.hasColumn(c) && !t.get(i, c).isEmpty()) {
                parts.add(c + "=" + t.get(i, c));
            }
        }
        return String.join(", ", parts);
    }

    /** Whether row {@code i} of {@link #withZ}'s table sits at a non-smooth point (docs/math.md §7.4). */
    public static boolean isNonSmooth(ResultTable rows, int i) {
        return !rows.get(i, NON_SMOOTH).isEmpty();
    }

    private static String cell(ResultTable t, int i, String column) {
        return t.hasColumn(column) ? t.get(i, column) : "";
    }
}
