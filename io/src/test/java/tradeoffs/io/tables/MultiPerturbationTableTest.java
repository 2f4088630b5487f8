package tradeoffs.io.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/** The multi-perturbation table's grid checks and its size, in the model's words. */
class MultiPerturbationTableTest {
    static final double[] ONE = {0.95};
    static final double[] D4 = {4};

    static List<Map<String, Object>> rows(double[] dims, double[] epsL1s, int points, boolean optimal) {
        return MultiPerturbationTable.rows(ONE, dims, new double[] {2}, null, epsL1s, points, optimal);
    }

    @Test
    void theTableIsTheProductOfTheGridsPathThenOptima() {
        List<Map<String, Object>> r = rows(new double[] {4, 9}, new double[] {1, 2}, 3, true);
        assertEquals(2 * 2 * (3 + 4), r.size()); // 2 dims x 2 l1 radii x (3 path classifiers + 4 optima)
        assertEquals(MultiPerturbationTable.COLUMNS, List.copyOf(r.get(0).keySet()));
        assertEquals("path", r.get(0).get(ColumnNames.CLASSIFIER));
        assertEquals("opt_linf", r.get(3).get(ColumnNames.CLASSIFIER));
        assertTrue(r.get(0).containsKey(ColumnNames.CLEAN_ACCURACY));
        // eps_linf defaults to 2 eta = 2 alpha / sqrt(d): 2 * 2 / 2 = 2 at d = 4
        assertEquals(2.0, (double) r.get(0).get(ColumnNames.EPS_LINF), 1e-15);
        assertEquals(
                2 * 3, rows(new double[] {4, 9}, new double[] {1}, 3, false).size());
    }

    @Test
    void aDimensionThatIsNotAWholeNumberIsRefused() {
        assertEquals(
                "dim",
                assertThrows(ParameterException.class, () -> rows(new double[] {2.5}, ONE, 3, false))
                        .parameter());
    }

    @Test
    void pathPointsOutsideTheirRangeAreRefused() {
        assertEquals(
                "points",
                assertThrows(ParameterException.class, () -> rows(D4, ONE, 1, false))
                        .parameter());
        assertEquals(
                "points",
                assertThrows(ParameterException.class, () -> rows(D4, ONE, 10_001, false))
                        .parameter());
    }

    @Test
    void tooManyRowsAreRefusedNamingTheLargestGrid() {
        double[] many = new double[2000];
        java.util.Arrays.fill(many, 1.0);
        ParameterException e = assertThrows(ParameterException.class, () -> rows(D4, many, 1000, false));
        assertEquals(ColumnNames.EPS_L1, e.parameter());
        assertTrue(e.requirement().contains("more than " + MultiPerturbationTable.MAX_ROWS), e.requirement());
    }
}
