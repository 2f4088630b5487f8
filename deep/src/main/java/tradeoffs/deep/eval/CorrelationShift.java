package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.TestCorrelation;
import tradeoffs.deep.metrics.Accuracy;
import tradeoffs.deep.metrics.Predictor;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Clean accuracy of a model on test splits whose class → background correlation differs from the
 * training one (docs/deep.md, "Claim 3 on CNNs"): the CNN analogue of the risk under a shifted
 * correlation η′ of docs/math.md §5.2. Each split is {@link ShiftedBackgrounds#shiftedTest}: the
 * test split's objects with backgrounds of type π(y) with probability ρ′, so every point is a paired
 * comparison with the in-distribution test images (same objects, poses and positions).
 */
public final class CorrelationShift {
    /** Columns of {@link #table}: ρ′, the pairing, images, accuracy. */
    public static final List<String> COLUMNS =
            List.of(ColumnNames.RHO_TEST, ColumnNames.PAIRING, ColumnNames.N, ColumnNames.ACCURACY);

    /**
     * Accuracy at one test correlation.
     *
     * @param correlation ρ′ and the pairing π
     * @param accuracy correct / n on the shifted split
     */
    public record Point(TestCorrelation correlation, Accuracy accuracy) {
        /** The row of {@link #COLUMNS}. */
        public Map<String, Object> toRow() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(ColumnNames.RHO_TEST, correlation.rho());
            m.put(ColumnNames.PAIRING, correlation.pairingId());
            m.put(ColumnNames.N, accuracy.n());
            m.put(ColumnNames.ACCURACY, accuracy.value());
            return m;
        }
    }

    private CorrelationShift() {}

    /**
     * The correlations a claim-3 evaluation uses on a benchmark with K classes trained at ρ: each ρ′
     * of {@code rhos} with the identity pairing (include ρ itself for the in-distribution reference
     * and 1/K for independence), then ρ′ = ρ with the pairing y → y + 1 mod K (the background points
     * to a wrong class as often as it pointed to the right one in training).
     */
    public static List<TestCorrelation> grid(int k, double rho, double[] rhos) {
        List<TestCorrelation> out = new ArrayList<>();
        for (double r : rhos) {
            out.add(TestCorrelation.identity(k, r));
        }
        out.add(TestCorrelation.rotated(k, rho, 1));
        return out;
    }

    /** Accuracy of {@code model} on {@code n} test images at each correlation of {@code grid}. */
    public static List<Point> evaluate(Predictor model, ShiftedBackgrounds bench, int n, List<TestCorrelation> grid) {
        ParameterException.requireAtLeast("test_size", n, 1);
        List<Point> out = new ArrayList<>();
        for (TestCorrelation c : grid) {
            out.add(new Point(c, Accuracy.of(model, bench.shiftedTest(c, n))));
        }
        return out;
    }

    /**
     * The evaluation of every model of a {@link DeepSweep}: accuracy on {@code n} test images at each
     * correlation of {@code grid}, rows into table {@code table}.
     */
    public static ModelEvaluation evaluation(String table, int n, List<TestCorrelation> grid) {
        List<TestCorrelation> g = List.copyOf(grid);
        return ModelEvaluation.of(
                table,
                COLUMNS,
                (model, bench, spec) -> CorrelationShift.evaluate(model, bench, n, g).stream()
                        .map(Point::toRow)
                        .toList());
    }

    /** The points as a table with {@link #COLUMNS}. */
    public static ResultTable table(List<Point> points) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        for (Point p : points) {
            b.row(p.toRow());
        }
        return b.build();
    }
}
