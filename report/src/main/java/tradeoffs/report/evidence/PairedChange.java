package tradeoffs.report.evidence;

import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A change measured on S training replicates (seeds) that share one test set, each replicate
 * against its own reference model (paired), with the error rule of docs/math.md §11.6 [derived]:
 * the change is the mean d̄ of the replicates' changes d_r, and
 * <pre>
 *   SE² = s_d²/S + (1/S) Σ_r b_r²,   s_d² = Σ_r (d_r − d̄)²/(S − 1)   (0 when S = 1),
 * </pre>
 * b_r² being replicate r's binomial variance (the test-set accuracies behind d_r treated as
 * independent binomial proportions, {@link #binomialSe}). The seed part is the usual SE² of a mean
 * over seeds; the binomial part is not divided by S because the replicates share the test set. A
 * change counts when |d̄| &gt; 2·SE.
 *
 * @param changes d_r, in replicate order
 * @param binomialVariances b_r², in replicate order
 */
public record PairedChange(double[] changes, double[] binomialVariances) {
    /** The change counts upwards, downwards, or not at all. */
    public enum Direction {
        UP,
        DOWN,
        NONE
    }

    public PairedChange {
        if (changes.length == 0 || changes.length != binomialVariances.length) {
            throw new IllegalArgumentException("need one binomial variance per change (got " + changes.length + ", "
                    + binomialVariances.length + ")");
        }
        changes = changes.clone();
        binomialVariances = binomialVariances.clone();
    }

    /** Number of replicates S. */
    public int replicates() {
        return changes.length;
    }

    /** d̄. */
    public double mean() {
        return StatUtils.mean(changes);
    }

    /** SE of d̄ (seed and binomial parts). */
    public double se() {
        return se(changes, binomialVariances);
    }

    /** 2·SE. */
    public double twoSe() {
        return 2 * se();
    }

    /** UP when d̄ &gt; 2·SE, DOWN when d̄ &lt; −2·SE, else NONE. */
    public Direction direction() {
        double m = mean();
        double t = twoSe();
        return m > t ? Direction.UP : (m < -t ? Direction.DOWN : Direction.NONE);
    }

    /** E.g. {@code +0.123 ± 0.045 (seeds +0.100, +0.146)}: mean, two SEs, each replicate's change. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%+.3f ± %.3f", mean(), twoSe()));
        if (changes.length > 1) {
            sb.append(" (seeds");
            for (int i = 0; i < changes.length; i++) {
                sb.append(i == 0 ? " " : ", ").append(String.format(Locale.ROOT, "%+.3f", changes[i]));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /**
     * sqrt(s_x²/S + (1/S) Σ_r b_r²) for per-replicate values x_r with binomial variances b_r², where
     * s_x² is the sample variance over replicates (0 when S = 1).
     */
    static double se(double[] x, double[] binomialVariance) {
        int s = x.length;
        double seed = s > 1 ? StatUtils.variance(x) / s : 0;
        return Math.sqrt(seed + StatUtils.mean(binomialVariance));
    }

    /**
     * sqrt(p(1−p)/n) for a proportion p of n, with p kept at least 1/(n+2) away from 0 and 1 (so a
     * proportion of 0 or 1 does not claim zero uncertainty).
     */
    public static double binomialSe(double p, double n) {
        double m = Math.max(n, 1);
        double q = Math.min(Math.max(p, 1 / (m + 2)), 1 - 1 / (m + 2));
        return Math.sqrt(q * (1 - q) / m);
    }
}
