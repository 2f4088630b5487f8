package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tradeoffs.io.ResultTable;

/**
 * Background reliance against the training radius, beside the direction the theory predicts, from
 * a {@link DeepSweep} reliance table.
 *
 * <p>Three reliance metrics (THEORY.md §5), each turned so that "up" means more reliance on the
 * background: BG-gap = acc(mixed_same) − acc(mixed_rand) (up), RFS at the middle noise level (down
 * means more background reliance, so its sign is flipped), and average and worst-group accuracy on
 * the broken-correlation split (down means more reliance, signs flipped; the worst group is often
 * at 0 for every model when ρ is high, the average group accuracy is the informative one then). The change is the value at the
 * largest training ε minus the standard model's; its standard error treats the accuracies behind
 * each number as independent binomial proportions (the RFS denominator held fixed), and a change
 * counts as real when it exceeds two standard errors.
 *
 * <p>Predicted direction [derived]: the benchmark's background contrast plays σ_s and the
 * foreground contrast σ_c of THEORY.md §1.4–1.5. ℓ2 (and ℓ1) adversarial training: more reliance
 * at any contrast ratio (claim 1); ℓ∞: more reliance only when background contrast &gt;
 * foreground contrast (the scale condition, claim 2), no increase otherwise. The analogy from a
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
     * @param values the metric at ε = 0 (the standard model) and at each training ε, ascending
     * @param se the binomial standard error of each value
     * @param relianceChange (value at the largest ε − standard value), sign-flipped for RFS and
     *     worst-group so that positive means more background reliance
     * @param twoSe two standard errors of the change
     */
    public record Trend(String benchmark, double fgContrast, double bgContrast, String trainNorm, String metric,
            double[] eps, double[] values, double[] se, double relianceChange, double twoSe, String observed, String predicted) {
        /** Whether the observation matches the prediction ("not more" is matched by less or no clear change). */
        public boolean agrees() {
            return predicted.equals(PREDICT_MORE) ? observed.equals(MORE) : !observed.equals(MORE);
        }
    }

    private RelianceTrends() {
    }

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
                String predicted = norm.equals("linf") ? (bg > fg ? PREDICT_MORE : PREDICT_NOT_MORE) : PREDICT_MORE;
                for (String metric : METRICS) {
                    double[] values = new double[eps.length];
                    double[] se = new double[eps.length];
                    for (int j = 0; j < eps.length; j++) {
                        double e = eps[j];
                        ResultTable m = j == 0 ? std : adv.where("train_eps", v -> Double.parseDouble(v) == e);
                        double[] vs = valueAndSe(m, metric, k);
                        values[j] = vs[0];
                        se[j] = vs[1];
                    }
                    int last = eps.length - 1;
                    double sign = metric.equals("bg_gap") ? 1 : -1;
                    double change = sign * (values[last] - values[0]);
                    double twoSe = 2 * Math.hypot(se[last], se[0]);
                    String observed = change > twoSe ? MORE : (change < -twoSe ? LESS : NO_CLEAR_CHANGE);
                    out.add(new Trend(bench, fg, bg, norm, metric, eps, values, se, change, twoSe, observed, predicted));
                }
            }
        }
        return out;
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
                double se = denom > 0 ? Math.hypot(binomialSe(new double[] {aFg, n}), binomialSe(new double[] {aBg, n}))
                        / denom : Double.POSITIVE_INFINITY;
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
        double n = Math.max(pn[1], 1);
        double p = Math.min(Math.max(pn[0], 1 / (n + 2)), 1 - 1 / (n + 2));
        return Math.sqrt(p * (1 - p) / n);
    }

    /** The trends as a table: one row per trend, values per ε as "ε:value" pairs. */
    public static ResultTable table(List<Trend> trends) {
        ResultTable.Builder b = ResultTable.builder("benchmark", "fg_contrast", "bg_contrast", "train_norm", "metric",
                "values_by_eps", "reliance_change", "two_se", "observed", "predicted", "agrees");
        for (Trend t : trends) {
            StringBuilder v = new StringBuilder();
            for (int i = 0; i < t.eps().length; i++) {
                v.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g:%.3f", t.eps()[i], t.values()[i]));
            }
            b.row(t.benchmark(), t.fgContrast(), t.bgContrast(), t.trainNorm(), t.metric(), v.toString(),
                    round4(t.relianceChange()), round4(t.twoSe()), t.observed(), t.predicted(), t.agrees() ? "yes" : "no");
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
