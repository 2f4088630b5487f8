package tradeoffs.report.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.math3.stat.StatUtils;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;

/**
 * Background reliance against the training radius, beside the direction the theory predicts, from
 * deep reliance table ({@code deep_reliance.csv}, written by the deep stage of {@code reproduce}).
 *
 * <p>Four reliance metrics (docs/math.md §11.2–§11.4), each turned so that "up" means more reliance on the
 * background: BG-gap = acc(mixed_same) − acc(mixed_rand) (up), RFS at the middle noise level (down
 * means more background reliance, so its sign is flipped), and average and worst-group accuracy on
 * the broken-correlation split (down means more reliance, signs flipped; the worst group is often
 * at 0 for every model when ρ is high, the average group accuracy is the informative one then).
 *
 * <p>Training replicates (the table's {@code replicate} column, {@link DeepSweep#REPLICATE}; a table
 * without it is one replicate): replicate r trains every regime with its own training seed on the same
 * benchmark and test sets. Per replicate the paired change is d_r = s·(v_r(ε_max) − v_r(0)), with
 * s = +1 for BG-gap and −1 for the others, and its binomial variance b_r² = se_r(ε_max)² + se_r(0)²
 * (the accuracies behind each number treated as independent binomial proportions, the RFS
 * denominator held fixed). Over the S replicates the change is the mean d̄ and its standard error
 * <pre>
 *   SE² = s_d² / S + (1/S) Σ_r b_r²,     s_d² = Σ_r (d_r − d̄)² / (S − 1)   (0 when S = 1)
 * </pre>
 * [derived]: the seed part s_d²/S is the usual SE² of a mean over seeds; the binomial part is not
 * divided by S because the replicates share one test set, so its sampling error does not average
 * out (s_d² also contains some test noise, which makes the sum conservative). With S = 1 it is the
 * binomial SE of a single model; with S = 2 the seed part rests on one degree of freedom and is rough.
 * A change counts as real when |d̄| exceeds two such standard errors. Values per ε are likewise the
 * mean over replicates with SE² = s_v²/S + (1/S) Σ_r se_r².
 *
 * <p>Predicted direction [derived]: the benchmark's scale ratio r = κ_bg·|η_ρ|/κ_fg plays
 * σ_s|η|/σ_c of docs/math.md §4.3 (docs/deep-benchmark.md, "Scale ratio"). ℓ2 (and ℓ1) adversarial
 * training: more reliance at any ratio (claim 1); ℓ∞: more reliance only when r &gt; 1 (the scale
 * condition, claim 2), no increase otherwise. A table without the {@code scale_ratio} column (older
 * runs) compares background with foreground contrast instead. The analogy from a
 * linear model to a CNN is a hypothesis the sweep tests, not a theorem.
 */
public final class RelianceTrends {
    /** Observed direction labels. */
    public static final String MORE = "more", LESS = "less", NO_CLEAR_CHANGE = "no clear change";
    /** Predicted direction labels. */
    public static final String PREDICT_MORE = "more", PREDICT_NOT_MORE = "not more";
    /** The metrics, in the order of the table. */
    public static final List<String> METRICS = List.of("bg_gap", "rfs", "avg_group_accuracy", "worst_group_accuracy");

    /**
     * One metric's trend for one benchmark and training norm.
     *
     * @param rho the benchmark's training correlation (NaN when the table has no {@code rho} column)
     * @param scaleRatio the benchmark's scale ratio r (NaN when the table has no {@code scale_ratio} column)
     * @param values the metric at ε = 0 (the standard model) and at each training ε, ascending;
     *     mean over replicates
     * @param se the standard error of each value (seed and binomial parts, see the class Javadoc)
     * @param relianceChange mean over replicates of (value at the largest ε − standard value),
     *     sign-flipped for RFS and group accuracies so that positive means more background reliance
     * @param twoSe two standard errors of the change (seed and binomial parts)
     * @param replicateChanges the paired change of each replicate, in replicate order
     */
    public record Trend(
            String benchmark,
            double fgContrast,
            double bgContrast,
            double rho,
            double scaleRatio,
            String trainNorm,
            String metric,
            double[] eps,
            double[] values,
            double[] se,
            double relianceChange,
            double twoSe,
            String observed,
            String predicted,
            double[] replicateChanges) {
        /** Whether the observation matches the prediction ("not more" is matched by less or no clear change). */
        public boolean agrees() {
            return predicted.equals(PREDICT_MORE) ? observed.equals(MORE) : !observed.equals(MORE);
        }
    }

    private RelianceTrends() {}

    /** Trends for every (benchmark, adversarial training norm, metric) of a reliance table. */
    public static List<Trend> compute(ResultTable reliance) {
        List<Trend> out = new ArrayList<>();
        for (String bench : reliance.distinct("benchmark")) {
            ResultTable b = reliance.where("benchmark", bench);
            ResultTable std = b.where("train_norm", "standard");
            if (std.size() == 0) {
                continue;
            }
            int k = (int) b.getDouble(0, "classes");
            double fg = b.getDouble(0, "fg_contrast");
            double bg = b.getDouble(0, "bg_contrast");
            double rho = b.hasColumn(ColumnNames.RHO) ? b.getDouble(0, ColumnNames.RHO) : Double.NaN;
            double ratio = b.hasColumn(ColumnNames.SCALE_RATIO) ? b.getDouble(0, ColumnNames.SCALE_RATIO) : Double.NaN;
            for (String norm : b.distinct("train_norm")) {
                if (norm.equals("standard")) {
                    continue;
                }
                ResultTable adv = b.where("train_norm", norm);
                TreeSet<Double> epsSet = new TreeSet<>();
                for (double e : adv.doubles("train_eps")) {
                    epsSet.add(e);
                }
                double[] eps = new double[epsSet.size() + 1];
                int i = 1;
                for (double e : epsSet) {
                    eps[i++] = e;
                }
                String predicted = norm.equals("linf")
                        ? (aboveScaleCondition(ratio, fg, bg) ? PREDICT_MORE : PREDICT_NOT_MORE)
                        : PREDICT_MORE;
                List<String> reps = new ArrayList<>();
                for (String r : replicates(b)) {
                    if (replicate(std, r).size() > 0 && replicate(adv, r).size() > 0) {
                        reps.add(r);
                    }
                }
                if (reps.isEmpty()) {
                    continue;
                }
                int s = reps.size();
                for (String metric : METRICS) {
                    // v[r][j], se[r][j]: replicate r's metric and binomial SE at eps[j]
                    double[][] v = new double[s][eps.length];
                    double[][] binSe = new double[s][eps.length];
                    for (int r = 0; r < s; r++) {
                        ResultTable stdR = replicate(std, reps.get(r));
                        ResultTable advR = replicate(adv, reps.get(r));
                        for (int j = 0; j < eps.length; j++) {
                            double e = eps[j];
                            ResultTable m = j == 0 ? stdR : advR.where("train_eps", x -> Double.parseDouble(x) == e);
                            double[] vs = valueAndSe(m, metric, k);
                            v[r][j] = vs[0];
                            binSe[r][j] = vs[1];
                        }
                    }
                    double[] values = new double[eps.length];
                    double[] se = new double[eps.length];
                    for (int j = 0; j < eps.length; j++) {
                        double[] col = new double[s];
                        double[] b2 = new double[s];
                        for (int r = 0; r < s; r++) {
                            col[r] = v[r][j];
                            b2[r] = binSe[r][j] * binSe[r][j];
                        }
                        values[j] = StatUtils.mean(col);
                        se[j] = replicateSe(col, b2);
                    }
                    int last = eps.length - 1;
                    double sign = metric.equals("bg_gap") ? 1 : -1;
                    double[] d = new double[s];
                    double[] b2 = new double[s];
                    for (int r = 0; r < s; r++) {
                        d[r] = sign * (v[r][last] - v[r][0]);
                        b2[r] = binSe[r][last] * binSe[r][last] + binSe[r][0] * binSe[r][0];
                    }
                    double change = StatUtils.mean(d);
                    double twoSe = 2 * replicateSe(d, b2);
                    String observed = change > twoSe ? MORE : (change < -twoSe ? LESS : NO_CLEAR_CHANGE);
                    out.add(new Trend(
                            bench, fg, bg, rho, ratio, norm, metric, eps, values, se, change, twoSe, observed,
                            predicted, d));
                }
            }
        }
        return out;
    }

    /**
     * Whether a benchmark lies above the analogue of the ℓ∞ scale condition: scale ratio r &gt; 1
     * (docs/deep-benchmark.md, "Scale ratio"), or, for a table written before the ratio was a column,
     * background contrast &gt; foreground contrast.
     */
    static boolean aboveScaleCondition(double scaleRatio, double fg, double bg) {
        return Double.isNaN(scaleRatio) ? bg > fg : scaleRatio > 1;
    }

    /**
     * sqrt(s_x²/S + (1/S) Σ_r b_r²) for per-replicate values x_r with binomial variances b_r², where
     * s_x² is the sample variance over replicates (0 when S = 1); see the class Javadoc.
     */
    static double replicateSe(double[] x, double[] binomialVariance) {
        return PairedChange.se(x, binomialVariance);
    }

    /** The replicate labels of a table, in order of appearance ("0" alone when it has no replicate column). */
    static List<String> replicates(ResultTable t) {
        return t.hasColumn(ColumnNames.REPLICATE) ? t.distinct(ColumnNames.REPLICATE) : List.of("0");
    }

    /** The rows of replicate {@code r} (all rows when the table has no replicate column). */
    static ResultTable replicate(ResultTable t, String r) {
        return t.hasColumn(ColumnNames.REPLICATE) ? t.where(ColumnNames.REPLICATE, r) : t;
    }

    /** The replicates of {@code a} that {@code b} has too, in {@code a}'s order (the pairs of a paired change). */
    static List<String> sharedReplicates(ResultTable a, ResultTable b) {
        List<String> out = new ArrayList<>();
        for (String r : replicates(a)) {
            if (replicate(b, r).size() > 0) {
                out.add(r);
            }
        }
        return out;
    }

    /** The rows at the table's largest training ε. */
    static ResultTable atLargestEps(ResultTable t) {
        double eps = org.apache.commons.math3.stat.StatUtils.max(t.doubles(ColumnNames.TRAIN_EPS));
        return t.where(ColumnNames.TRAIN_EPS, x -> Double.parseDouble(x) == eps);
    }

    /** The metric and its binomial standard error for one model's rows. */
    static double[] valueAndSe(ResultTable model, String metric, int k) {
        switch (metric) {
            case "bg_gap" -> {
                double[] same = accuracy(model, "mixed_same");
                double[] rand = accuracy(model, "mixed_rand");
                return new double[] {same[0] - rand[0], Math.hypot(binomialSe(same), binomialSe(rand))};
            }
            case "avg_group_accuracy" -> {
                ResultTable r = model.where("metric", metric);
                double p = r.getDouble(0, "value");
                return new double[] {p, binomialSe(new double[] {p, r.getDouble(0, "n")})};
            }
            case "worst_group_accuracy" -> {
                ResultTable r = model.where("metric", metric);
                double p = r.getDouble(0, "value");
                double nGroup = r.getDouble(0, "n") / ((double) k * k);
                return new double[] {p, binomialSe(new double[] {p, nGroup})};
            }
            default -> {
                ResultTable rfs = model.where("metric", "rfs");
                List<String> sigmas = rfs.distinct("noise_sigma");
                String mid = sigmas.get(sigmas.size() / 2);
                ResultTable at = model.where("noise_sigma", mid);
                double aFg = at.where("metric", "acc_fg_noise").getDouble(0, "value");
                double aBg = at.where("metric", "acc_bg_noise").getDouble(0, "value");
                double n = at.where("metric", "acc_fg_noise").getDouble(0, "n");
                double mean = (aFg + aBg) / 2;
                double denom = 2 * Math.min(mean, 1 - mean);
                double value = at.where("metric", "rfs").getDouble(0, "value");
                double se = denom > 0
                        ? Math.hypot(binomialSe(new double[] {aFg, n}), binomialSe(new double[] {aBg, n})) / denom
                        : Double.POSITIVE_INFINITY;
                return new double[] {value, se};
            }
        }
    }

    private static double[] accuracy(ResultTable model, String set) {
        ResultTable r = model.where("metric", "accuracy").where("set", set);
        return new double[] {r.getDouble(0, "value"), r.getDouble(0, "n")};
    }

    /**
     * sqrt(p(1−p)/n) for {p, n}, with p kept at least 1/(n+2) away from 0 and 1 (the Agresti–Coull
     * style floor, so a proportion of 0 or 1 does not claim zero uncertainty).
     */
    static double binomialSe(double[] pn) {
        return PairedChange.binomialSe(pn[0], pn[1]);
    }

    /**
     * The trends as a table: one row per trend, mean values per ε as "ε:value" pairs, the number of
     * replicates and each replicate's paired change.
     */
    public static ResultTable table(List<Trend> trends) {
        ResultTable.Builder b = ResultTable.builder(
                "benchmark",
                "fg_contrast",
                "bg_contrast",
                "scale_ratio",
                "train_norm",
                "metric",
                "values_by_eps",
                "replicates",
                "change_by_replicate",
                "reliance_change",
                "two_se",
                "observed",
                "predicted",
                "agrees");
        for (Trend t : trends) {
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < t.eps().length; i++) {
                v.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g:%.3f", t.eps()[i], t.values()[i]));
            }
            StringBuilder c = new StringBuilder();
            for (double d : t.replicateChanges()) {
                c.append(c.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", d));
            }
            b.row(
                    t.benchmark(),
                    t.fgContrast(),
                    t.bgContrast(),
                    round4(t.scaleRatio()),
                    t.trainNorm(),
                    t.metric(),
                    v.toString(),
                    t.replicateChanges().length,
                    c.toString(),
                    round4(t.relianceChange()),
                    round4(t.twoSe()),
                    t.observed(),
                    t.predicted(),
                    t.agrees() ? "yes" : "no");
        }
        return b.build();
    }

    /**
     * The trends as a long table for plotting: one row per (benchmark, training norm, metric,
     * training ε, ε = 0 being the standard model), with the mean over replicates ({@code value})
     * and its standard error ({@code value_se}, seed and binomial parts, see the class Javadoc).
     */
    public static ResultTable byEps(List<Trend> trends) {
        ResultTable.Builder b = ResultTable.builder(
                ColumnNames.BENCHMARK,
                ColumnNames.FG_CONTRAST,
                ColumnNames.BG_CONTRAST,
                ColumnNames.SCALE_RATIO,
                ColumnNames.TRAIN_NORM,
                ColumnNames.METRIC,
                ColumnNames.TRAIN_EPS,
                ColumnNames.REPLICATES,
                ColumnNames.VALUE,
                ColumnNames.se(ColumnNames.VALUE));
        for (Trend t : trends) {
            for (int i = 0; i < t.eps().length; i++) {
                b.row(
                        t.benchmark(),
                        t.fgContrast(),
                        t.bgContrast(),
                        t.scaleRatio(),
                        t.trainNorm(),
                        t.metric(),
                        t.eps()[i],
                        t.replicateChanges().length,
                        t.values()[i],
                        t.se()[i]);
            }
        }
        return b.build();
    }

    private static double round4(double x) {
        return Math.round(x * 1e4) / 1e4;
    }

    /**
     * The direction a benchmark and norm show overall: {@link #MORE} when at least two of the
     * metrics show significantly more reliance and none significantly less; {@link #LESS} in the
     * mirror case; {@link #NO_CLEAR_CHANGE} otherwise.
     */
    public static String overall(List<Trend> trends, String benchmark, String norm) {
        int more = 0;
        int less = 0;
        int seen = 0;
        for (Trend t : trends) {
            if (t.benchmark().equals(benchmark) && t.trainNorm().equals(norm)) {
                seen++;
                more += t.observed().equals(MORE) ? 1 : 0;
                less += t.observed().equals(LESS) ? 1 : 0;
            }
        }
        if (seen == 0) {
            return null;
        }
        if (more >= 2 && less == 0) {
            return MORE;
        }
        if (less >= 2 && more == 0) {
            return LESS;
        }
        return NO_CLEAR_CHANGE;
    }
}
