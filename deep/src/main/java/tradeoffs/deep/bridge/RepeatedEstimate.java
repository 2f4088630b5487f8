package tradeoffs.deep.bridge;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The mean of a quantity over independent repetitions (fresh sample and fresh training per
 * repetition) with its standard error sd/√reps, the finite-sample error bar of the bridge.
 *
 * @param mean          the mean over repetitions
 * @param standardError sd/√reps with the sample standard deviation (NaN for one repetition)
 * @param reps          the number of repetitions
 */
public record RepeatedEstimate(double mean, double standardError, int reps) {
    /** Mean and standard error of {@code values}. */
    public static RepeatedEstimate of(double[] values) {
        if (values.length < 1) {
            throw new IllegalArgumentException("reps must be >= 1 (got 0)");
        }
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) {
            s.addValue(v);
        }
        double se = values.length > 1 ? s.getStandardDeviation() / Math.sqrt(values.length) : Double.NaN;
        return new RepeatedEstimate(s.getMean(), se, values.length);
    }
}
