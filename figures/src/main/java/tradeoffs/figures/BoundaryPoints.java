package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import tradeoffs.io.ResultTable;

/**
 * Monte Carlo rows whose z-score does not measure agreement: spurious reliance (THEORY.md §1.6)
 * is non-negative, so where its theory value is exactly 0 every finite-sample estimate is ≥ 0
 * and their mean is biased upwards by O(n^(−1/2)) while the standard error shrinks as
 * 1/√reps, so z grows like √reps however right the theory is. Such rows are shown apart.
 */
public final class BoundaryPoints {
    private BoundaryPoints() {
    }

    /** Whether row {@code i} of a Monte Carlo table is a boundary point. */
    public static boolean isBoundary(ResultTable t, int i) {
        return t.hasColumn(QUANTITY) && t.hasColumn(THEORY) && RELIANCE.equals(t.get(i, QUANTITY))
                && t.getDouble(i, THEORY) == 0.0;
    }
}
