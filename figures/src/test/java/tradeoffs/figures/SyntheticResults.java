package tradeoffs.figures;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/**
 * Result tables with the shapes the real commands write, filled with simple smooth numbers (not
 * the science: the figures only plot, so any plausible numbers exercise them).
 */
final class SyntheticResults {
    static final String[] NORMS = {"l1", "l2", "linf"};
    static final double[] SIGMAS = {1.0, 2.0};

    private SyntheticResults() {}

    /** Reliance that rises with ε, except ℓ∞ at σ_s = 1 which stays exactly 0. */
    static double reliance(String norm, double sigma, double eps) {
        if (norm.equals("linf") && sigma <= 1.0) {
            return 0.0;
        }
        double k = norm.equals("l1") ? 0.6 : norm.equals("l2") ? 0.4 : 0.25;
        return k * sigma * eps / (1 + k * sigma * eps);
    }

    static ResultTable theoryEps() {
        ResultTable.Builder b = ResultTable.builder(THEORY_EPS_COLUMNS);
        for (String norm : NORMS) {
            for (double s : SIGMAS) {
                for (int i = 0; i <= 20; i++) {
                    double e = i * 0.05;
                    double r = reliance(norm, s, e);
                    double wc = 1 / (1 + e);
                    double ws = r * wc / (s * (1 - r) + 1e-300);
                    b.row(norm, e, 1.0, s, 0.6, 0.5, wc, ws, r, 0.25 + e * e * 0.3, 0.25 + e, 0.0);
                }
            }
        }
        return b.build();
    }

    static ResultTable phase() {
        ResultTable.Builder b = ResultTable.builder(SCALE_RATIO, EPS, W_SPURIOUS);
        for (int i = 0; i <= 30; i++) {
            double ratio = 0.1 + i * 0.06;
            for (int j = 1; j <= 20; j++) {
                double e = j * 0.05;
                b.row(ratio, e, ratio <= 1.0 ? 0.0 : (ratio - 1) * e);
            }
        }
        return b.build();
    }

    static ResultTable frontier() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, ETA_TEST, ADVERSARIAL_RISK, SHIFTED_RISK);
        for (String norm : NORMS) {
            for (double et : new double[] {-0.6, 0.0, 0.3}) {
                for (int i = 0; i <= 20; i++) {
                    double e = i * 0.05;
                    double r = reliance(norm, 2.0, e);
                    b.row(norm, e, et, 0.25 + e * (1.2 - r), 0.25 + r * (0.6 - et) * 0.8 + 0.1 * e * e);
                }
            }
        }
        return b.build();
    }

    /**
     * Fixed-budget frontier: for ε_train ≤ ε_test the adversarial risk at ε_test falls and the
     * shifted risk rises (slopes by norm), past ε_test both rise.
     */
    static ResultTable fixedBudget() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, EPS_TEST, ETA_TEST, ADVERSARIAL_RISK, SHIFTED_RISK);
        for (String norm : NORMS) {
            double k = norm.equals("l1") ? 0.6 : norm.equals("l2") ? 0.4 : 0.2;
            for (double et : new double[] {0.25, 0.5, 1.0}) {
                for (int i = 0; i <= 20; i++) {
                    double e = i * 0.05;
                    double d = e - et;
                    b.row(norm, e, et, 0.0, 0.5 + 2 * et * et - 0.3 * et * e + (d > 0 ? d * d : 0), 0.25 + k * e * e);
                }
            }
        }
        return b.build();
    }

    static ResultTable shift() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, ETA, ETA_TEST, SHIFTED_RISK);
        for (String norm : NORMS) {
            for (double e : new double[] {0, 0.25, 0.5, 1.0}) {
                for (int i = 0; i <= 20; i++) {
                    double et = -1 + i * 0.1;
                    double r = reliance(norm, 2.0, e);
                    b.row(norm, e, 0.6, et, 0.25 + 0.1 * e * e + r * (0.6 - et) * 0.8);
                }
            }
        }
        return b.build();
    }

    static ResultTable claim4() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, RISK_WITH_SPURIOUS, RISK_CORE_ONLY);
        for (String norm : NORMS) {
            for (int i = 0; i <= 20; i++) {
                double e = i * 0.05;
                double core = 0.25 + 0.9 * e - 0.2 * e * e;
                b.row(norm, e, core - 0.3 * reliance(norm, 2.0, e) * e, core);
            }
        }
        return b.build();
    }

    /** Monte Carlo rows with z-scores drawn from a fixed, hand-written list. */
    static ResultTable agreement() {
        double[] zs = {0.3, -1.1, 0.8, 1.9, -0.4, 0.1, -2.2, 0.6, 1.2, -0.7, 0.0, 1.5};
        ResultTable.Builder b = ResultTable.builder(SIM_AGREEMENT_COLUMNS);
        int k = 0;
        for (String norm : NORMS) {
            for (double s : SIGMAS) {
                for (double e : new double[] {0.0, 0.2, 0.5, 1.0}) {
                    for (String q : new String[] {RELIANCE, ADVERSARIAL_RISK}) {
                        double th = q.equals(RELIANCE) ? reliance(norm, s, e) : 0.25 + e;
                        double se = 0.01;
                        double z = zs[k++ % zs.length];
                        double mean = th + z * se;
                        b.row(norm, e, s, q, th, mean, se, mean - 1.96 * se, mean + 1.96 * se, z);
                    }
                }
            }
        }
        return b.build();
    }

    /** RMSE ≈ c/√n; the slope columns hold the generating rate −0.5 (the writer's fit is not the figure's business). */
    static ResultTable convergence() {
        ResultTable.Builder b = ResultTable.builder(NORM, EPS, N, RMSE_W, SLOPE, SLOPE_CI_LOW, SLOPE_CI_HIGH);
        for (String norm : NORMS) {
            double c = norm.equals("l1") ? 2 : norm.equals("l2") ? 1 : 0.5;
            for (int n : new int[] {100, 300, 1000, 3000, 10000, 30000}) {
                b.row(norm, 0.3, n, c / Math.sqrt(n) * (1 + 0.05 * Math.sin(n)), -0.5, -0.55, -0.45);
            }
        }
        return b.build();
    }

    /** BG-gap means and standard errors per training ε for two benchmarks and two norms. */
    static ResultTable deepRelianceByEps() {
        ResultTable.Builder b = ResultTable.builder(
                BENCHMARK, FG_CONTRAST, BG_CONTRAST, TRAIN_NORM, METRIC, TRAIN_EPS, REPLICATES, VALUE, se(VALUE));
        for (String bench : new String[] {"bg<fg", "bg>fg"}) {
            for (String norm : new String[] {"l2", "linf"}) {
                double[] eps = norm.equals("l2") ? new double[] {0, 0.25, 0.5} : new double[] {0, 0.0157, 0.0314};
                for (int i = 0; i < eps.length; i++) {
                    b.row(bench, 0.6, 0.3, norm, "bg_gap", eps[i], 2, 0.3 + 0.05 * i, 0.01);
                }
            }
        }
        return b.build();
    }

    /**
     * The CNN phase diagram: ℓ2 and ℓ∞ at four scale ratios, BG-gap and RFS rows; ℓ∞ "more" only
     * above r = 1 (what the theory predicts).
     */
    static ResultTable deepPhase() {
        ResultTable.Builder b = ResultTable.builder(DEEP_PHASE_COLUMNS);
        double[] ratios = {0.44, 0.8, 1.25, 2.33};
        for (String norm : new String[] {"l2", "linf"}) {
            for (double r : ratios) {
                boolean more = norm.equals("l2") || r > 1;
                for (String metric : new String[] {"bg_gap", "rfs"}) {
                    b.row(
                            "r=" + r,
                            0.9,
                            0.6,
                            0.3 * r,
                            r,
                            norm,
                            norm.equals("l2") ? 0.5 : 0.0314,
                            2,
                            metric,
                            0.3,
                            more ? 0.5 : 0.3,
                            more ? 0.2 : 0.0,
                            0.05,
                            more ? "more" : "no clear change",
                            more ? "more" : "no clear change",
                            norm.equals("l2") || r > 1 ? "more" : "not more");
                }
            }
        }
        return b.build();
    }

    /** Robust accuracy against ε of five training methods in three norms, falling with ε. */
    static ResultTable deepMethodsByEps() {
        ResultTable.Builder b = ResultTable.builder(
                TRAIN_METHOD, TRAIN_NORM, TRAIN_EPS, NORM, EPS, REPLICATES, N, ROBUST_ACCURACY, se(ROBUST_ACCURACY));
        String[][] methods = {
            {"standard", "standard", "0"},
            {"pgd", "linf", "0.0314"},
            {"max", "linf+l2", "0.0314"},
            {"trades", "linf", "0.0314"},
            {"beta", "linf", "0.0314"}
        };
        for (int m = 0; m < methods.length; m++) {
            for (String norm : NORMS) {
                double[] eps = norm.equals("linf")
                        ? new double[] {0, 0.0157, 0.0314}
                        : norm.equals("l2") ? new double[] {0, 0.25, 0.5} : new double[] {0, 3, 6};
                for (int i = 0; i < eps.length; i++) {
                    double acc = 0.9 - 0.02 * m - (0.4 - 0.05 * m) * i;
                    b.row(
                            methods[m][0],
                            methods[m][1],
                            Double.parseDouble(methods[m][2]),
                            norm,
                            eps[i],
                            1,
                            500,
                            acc,
                            0.02);
                }
            }
        }
        return b.build();
    }

    /** Accuracy against the test split's agreement for two main benchmarks and one scale-ratio benchmark. */
    static ResultTable deepShiftByRho() {
        ResultTable.Builder b = ResultTable.builder(DEEP_SHIFT_BY_RHO_COLUMNS);
        for (String[] bench : new String[][] {{"bg<fg", "main"}, {"bg>fg", "main"}, {"r=0.8", "scale_ratio"}}) {
            for (String norm : new String[] {"standard", "l2", "linf"}) {
                double slope = norm.equals("standard") ? 0.2 : 0.4;
                for (double rt : new double[] {0.9, 0.6, 0.2, 0.0}) {
                    b.row(
                            bench[0],
                            bench[1],
                            5,
                            0.9,
                            norm,
                            norm.equals("standard") ? 0 : 0.5,
                            rt,
                            "same",
                            rt,
                            2,
                            0.6 + slope * rt,
                            0.01);
                }
                b.row(
                        bench[0],
                        bench[1],
                        5,
                        0.9,
                        norm,
                        norm.equals("standard") ? 0 : 0.5,
                        0.9,
                        "next",
                        0.025,
                        2,
                        0.55,
                        0.01);
            }
        }
        return b.build();
    }

    static Map<String, ResultTable> all() {
        Map<String, ResultTable> m = new TreeMap<>();
        m.put(THEORY_EPS, theoryEps());
        m.put(THEORY_PHASE, phase());
        m.put(THEORY_FRONTIER, frontier());
        m.put(THEORY_FIXED_BUDGET, fixedBudget());
        m.put(THEORY_SHIFT, shift());
        m.put(THEORY_CLAIM4, claim4());
        m.put(SIM_AGREEMENT, agreement());
        m.put(SIM_CONVERGENCE, convergence());
        m.put(DEEP_RELIANCE_BY_EPS, deepRelianceByEps());
        m.put(DEEP_PHASE, deepPhase());
        m.put(DEEP_SHIFT_BY_RHO, deepShiftByRho());
        m.put(DEEP_METHODS_BY_EPS, deepMethodsByEps());
        m.putAll(SyntheticClassification.all());
        return m;
    }

    /** Writes every table as CSV into {@code dir}. */
    static ResultsFolder write(Path dir) {
        all().forEach((name, t) -> t.writeCsv(dir.resolve(file(name))));
        return ResultsFolder.read(dir);
    }
}
