package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tradeoffs.io.ResultTable;

/**
 * The classification tables with the shapes the classification stage writes, filled with simple numbers
 * (the figures only plot them).
 */
final class SyntheticClassification {
    static final double[] DIMS = {100, 1000};

    private SyntheticClassification() {}

    /** Two premise blocks (d = 100, 1000) and one block outside the premise, each a path of 11 θ and 4 optima. */
    static ResultTable frontier() {
        List<String> cols = new ArrayList<>(CLASS_FRONTIER_COLUMNS); // ..., theta, error_sum, union_accuracy
        cols.addAll(List.of(LINF_ACCURACY, L1_ACCURACY));
        ResultTable.Builder b = ResultTable.builder(cols);
        for (double d : DIMS) {
            block(b, d, 0.4, 2.0, true, 0.1 * Math.log10(d));
        }
        block(b, 100, 0.1, 1.0, false, 0.0);
        return b.build();
    }

    private static void block(ResultTable.Builder b, double d, double ei, double e1, boolean premise, double bulge) {
        for (int i = 0; i <= 10; i++) {
            double th = 0.5 * Math.PI * i / 10;
            double linf = premise ? 0.95 * Math.cos(th) * Math.cos(th) : 0.95 - 0.1 * Math.sin(th);
            double l1 = premise ? (0.97 - bulge) * Math.sin(th) * Math.sin(th) : 0.97 * Math.sin(th);
            b.row(0.95, d, 2.0, ei, e1, premise, "path", th, 2 - linf - l1, Math.min(linf, l1), linf, l1);
        }
        b.row(0.95, d, 2.0, ei, e1, premise, "opt_linf", 0.0, 1.05, 0.0, 0.95, premise ? 0 : 0.93);
        b.row(0.95, d, 2.0, ei, e1, premise, "opt_l1", 1.47, 1.0, 0.03, 0.03, 0.97);
        b.row(0.95, d, 2.0, ei, e1, premise, "opt_union", "", 1.0, 0.5, 0.5, 0.5);
        b.row(0.95, d, 2.0, ei, e1, premise, "opt_avg", "", 1.0, 0.5, 0.5, 0.5);
    }

    /** Monte Carlo rows for 5 random classifiers under the premise. */
    static ResultTable mep() {
        List<String> cols =
                new ArrayList<>(List.of(P0, DIM, ALPHA, EPS_LINF, EPS_L1, MEP_APPLIES, CLASSIFIER, THETA, SAMPLES));
        for (String q : List.of(LINF_ACCURACY, L1_ACCURACY, ERROR_SUM)) {
            cols.addAll(List.of(q, se(q), theory(q), z(q)));
        }
        ResultTable.Builder b = ResultTable.builder(cols);
        for (int i = 0; i < 5; i++) {
            double linf = 0.1 + 0.15 * i;
            double l1 = 0.8 - 0.15 * i;
            b.row(
                    0.95,
                    100,
                    2.0,
                    0.4,
                    2.0,
                    true,
                    "random",
                    0.3 * i,
                    10000,
                    linf,
                    0.004,
                    linf,
                    0.0,
                    l1,
                    0.004,
                    l1,
                    0.0,
                    2 - linf - l1,
                    0.005,
                    2 - linf - l1,
                    0.0);
        }
        return b.build();
    }

    /** The toy at {@code mixes}, ε in 0..1.5. */
    static ResultTable invariance(double... mixes) {
        List<String> cols = new ArrayList<>(List.of(MIX, EPS, SAMPLES));
        for (String q : List.of(ROBUST_ACCURACY, SENSITIVITY_ERROR, INVARIANCE_ERROR)) {
            cols.addAll(List.of(q, se(q), theory(q), z(q)));
        }
        ResultTable.Builder b = ResultTable.builder(cols);
        for (double a : mixes) {
            for (int i = 0; i <= 6; i++) {
                double e = 0.25 * i;
                double sens = a * 0.5 * e + 0.02 * e * e;
                double inv = a == 1.0 ? 0.0 : 0.35 * e;
                b.row(a, e, 20000, 1 - sens, 0.003, 1 - sens, 0.0, sens, 0.003, sens, 0.0, inv, 0.003, inv, 0.0);
            }
        }
        return b.build();
    }

    /** The counterexample and, when {@code random}, random models, at ε in 0..2. */
    static ResultTable beta(boolean random) {
        List<String> cols = new ArrayList<>(List.of(MODEL, EPS, SAMPLES));
        for (String q : List.of(EXACT_ERROR, BETA_SUCCESS, CE_SUCCESS, CE_MISSED)) {
            cols.addAll(List.of(q, se(q), theory(q), z(q)));
        }
        ResultTable.Builder b = ResultTable.builder(cols);
        for (String model : random ? List.of("counterexample", "random") : List.of("counterexample")) {
            for (int i = 0; i <= 8; i++) {
                double e = 0.25 * i;
                double exact = Math.min(1.0, model.equals("random") ? 0.8 * e : 0.5 * e * e);
                double ce = model.equals("random") ? 0.9 * exact : 0.15 * e * e;
                boolean closed = model.equals("counterexample"); // random models have no closed forms
                b.row(
                        model,
                        e,
                        2000,
                        exact,
                        0.01,
                        closed ? exact : "",
                        "",
                        exact,
                        0.01,
                        closed ? exact : "",
                        "",
                        ce,
                        0.01,
                        closed ? ce : "",
                        "",
                        exact - ce,
                        0.01,
                        closed ? exact - ce : "",
                        "");
            }
        }
        return b.build();
    }

    static Map<String, ResultTable> all() {
        Map<String, ResultTable> m = new TreeMap<>();
        m.put(CLASS_FRONTIER, frontier());
        m.put(CLASS_MEP, mep());
        m.put(CLASS_INVARIANCE, invariance(0, 0.5, 1));
        m.put(CLASS_BETA, beta(true));
        return m;
    }
}
