package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.TestCorrelation;
import tradeoffs.io.schema.ColumnNames;

/**
 * Robust accuracy ({@link RobustAccuracy}, with the sweep's evaluation attacks and seed) on a test
 * split at another correlation ρ′ ({@link ShiftedBackgrounds#shiftedTest}). Claim 4 on CNNs uses it
 * to score a model trained without the spurious correlation (ρ = 1/K) on the test images of the
 * correlated benchmark (ρ′ = ρ_high), the images a model trained at ρ_high is scored on: the
 * analogue of comparing adversarial risks with and without the spurious feature on one test
 * distribution (docs/math.md §5.3).
 */
public final class ShiftedRobustAccuracy {
    /** Columns: ρ′, pairing, then {@link RobustAccuracy#COLUMNS}. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of(ColumnNames.RHO_TEST, ColumnNames.PAIRING));
        c.addAll(RobustAccuracy.COLUMNS);
        COLUMNS = List.copyOf(c);
    }

    private ShiftedRobustAccuracy() {}

    /**
     * The evaluation of every model of a {@link DeepSweep}: robust accuracy on the sweep's test size of
     * images at {@code correlation}, over the ε grid of each norm, rows into table {@code table}.
     */
    public static ModelEvaluation evaluation(
            String table, TestCorrelation correlation, Map<PerturbationNorm, double[]> epsGrid) {
        Map<PerturbationNorm, double[]> grid = new LinkedHashMap<>(epsGrid);
        return ModelEvaluation.of(table, COLUMNS, (model, bench, spec) -> {
            ImageSet images = bench.shiftedTest(correlation, spec.testSize());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map.Entry<PerturbationNorm, double[]> e : grid.entrySet()) {
                PerturbationNorm norm = e.getKey();
                for (RobustAccuracy.Point p : RobustAccuracy.evaluate(
                        model, images, norm, e.getValue(), eps -> spec.evalAttacks(norm, eps), 250, spec.seed())) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put(ColumnNames.RHO_TEST, correlation.rho());
                    r.put(ColumnNames.PAIRING, correlation.pairingId());
                    r.put(ColumnNames.NORM, p.norm().id());
                    r.put(ColumnNames.EPS, p.eps());
                    r.put(ColumnNames.ATTACKS, p.attacks());
                    r.put(ColumnNames.N, p.n());
                    r.put(ColumnNames.CLEAN_ACCURACY, p.cleanAccuracy());
                    r.put(ColumnNames.ROBUST_ACCURACY, p.robustAccuracy());
                    rows.add(r);
                }
            }
            return rows;
        });
    }
}
