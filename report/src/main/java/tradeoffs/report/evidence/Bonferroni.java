package tradeoffs.report.evidence;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Critical values of m simultaneous z-tests at family-wise level 0.001 (Bonferroni, docs/math.md §12.6):
 * a correct implementation trips at least one of them with probability at most 0.001, whatever their
 * dependence. The level is strict because a report has eight such rules and a reader takes "fails" at
 * its word: at 0.05 the constant classifier's error sum, 2·P̂(y = −1), fell 2.4 standard errors from 1
 * for seed 5 and failed C2 while every number was right. The effects the rules look for are tens of
 * standard errors away, so the strict level costs no power on them.
 */
final class Bonferroni {
    static final double LEVEL = 0.001;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Bonferroni() {}

    /** z_{1 − 0.001/m}: the bound for m one-sided tests (m ≥ 1). */
    static double oneSided(int m) {
        return NORMAL.inverseCumulativeProbability(1 - LEVEL / Math.max(1, m));
    }

    /** z_{1 − 0.001/(2m)}: the bound for m two-sided tests (m ≥ 1). */
    static double twoSided(int m) {
        return NORMAL.inverseCumulativeProbability(1 - LEVEL / (2.0 * Math.max(1, m)));
    }

    /** How many of the finite |z| exceed the two-sided bound for their number, and the largest |z|. */
    record Agreement(int count, int beyond, double maxAbs, double bound) {
        static Agreement of(double[] z) {
            int count = 0;
            double max = 0;
            for (double v : z) {
                if (Double.isFinite(v)) {
                    count++;
                    max = Math.max(max, Math.abs(v));
                }
            }
            double bound = twoSided(count);
            int beyond = 0;
            for (double v : z) {
                if (Double.isFinite(v) && Math.abs(v) > bound) {
                    beyond++;
                }
            }
            return new Agreement(count, beyond, max, bound);
        }

        boolean agrees() {
            return beyond == 0;
        }

        /** "max |z| = 2.7 over 90 estimates (bound 3.46)". */
        String describe() {
            return "max |z| = " + Fmt.g(maxAbs) + " over " + count + " estimates (Bonferroni bound " + Fmt.g(bound)
                    + ")" + (beyond > 0 ? ", " + beyond + " beyond it" : "");
        }
    }
}
