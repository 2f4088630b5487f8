package tradeoffs.io;

/**
 * How far Monte Carlo means sit from the closed forms, in standard errors: the count of finite
 * z = (mean − theory)/se, the largest |z|, and how many exceed 2 and 4. When theory and simulation
 * agree about 5% of |z| exceed 2 and almost none exceed 4.
 *
 * @param count finite z-scores
 * @param maxAbs the largest |z| (NaN when there is none)
 * @param over2 how many have |z| &gt; 2
 * @param over4 how many have |z| &gt; 4
 */
public record ZScores(int count, double maxAbs, int over2, int over4) {
    /** The summary of {@code z}; NaN entries are left out. */
    public static ZScores of(double[] z) {
        int count = 0;
        int over2 = 0;
        int over4 = 0;
        double max = Double.NaN;
        for (double v : z) {
            if (Double.isNaN(v)) {
                continue;
            }
            double a = Math.abs(v);
            count++;
            max = Double.isNaN(max) ? a : Math.max(max, a);
            over2 += a > 2 ? 1 : 0;
            over4 += a > 4 ? 1 : 0;
        }
        return new ZScores(count, max, over2, over4);
    }

    /** Percentage with |z| &gt; 2 (NaN when there is no z-score). */
    public double percentOver2() {
        return count == 0 ? Double.NaN : 100.0 * over2 / count;
    }
}
