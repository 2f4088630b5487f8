package tradeoffs.report.evidence;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The least-squares slope of y in x with a 95% confidence interval, used to decide the sign of a
 * trend. With standard errors of the y values (Monte Carlo means), the slope
 * b = Σ c_i y_i, c_i = (x_i − x̄)/Σ(x_j − x̄)², is a fixed linear combination of independent means,
 * so Var b = Σ c_i² se_i² and the interval is b ± z_{0.975}·√Var b. Without them the interval is
 * the usual Student-t one from the residuals (Commons Math {@link SimpleRegression}).
 *
 * @param slope the least-squares slope
 * @param low lower end of the 95% interval
 * @param high upper end of the 95% interval
 * @param points number of points used
 */
public record TrendFit(double slope, double low, double high, int points) {
    private static final double Z975 = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.975);

    /** Fits y against x; {@code se} may be null. Points with a non-finite value are left out. */
    public static TrendFit of(double[] x, double[] y, double[] se) {
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x, y, se, i)) {
                m++;
            }
        }
        if (m < 2) {
            return new TrendFit(Double.NaN, Double.NaN, Double.NaN, m);
        }
        if (se == null) {
            SimpleRegression r = new SimpleRegression(true);
            for (int i = 0; i < x.length; i++) {
                if (usable(x, y, null, i)) {
                    r.addData(x[i], y[i]);
                }
            }
            double hw = m < 3 ? Double.NaN : r.getSlopeConfidenceInterval(0.05);
            if (Double.isNaN(hw) && m >= 3 && r.getSumSquaredErrors() == 0) {
                hw = 0; // points exactly on a line
            }
            return new TrendFit(r.getSlope(), r.getSlope() - hw, r.getSlope() + hw, m);
        }
        double mx = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x, y, se, i)) {
                mx += x[i] / m;
            }
        }
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x, y, se, i)) {
                sxx += (x[i] - mx) * (x[i] - mx);
            }
        }
        if (sxx == 0) {
            return new TrendFit(Double.NaN, Double.NaN, Double.NaN, m);
        }
        double b = 0, var = 0;
        for (int i = 0; i < x.length; i++) {
            if (usable(x, y, se, i)) {
                double c = (x[i] - mx) / sxx;
                b += c * y[i];
                var += c * c * se[i] * se[i];
            }
        }
        double hw = Z975 * Math.sqrt(var);
        return new TrendFit(b, b - hw, b + hw, m);
    }

    private static boolean usable(double[] x, double[] y, double[] se, int i) {
        return Double.isFinite(x[i]) && Double.isFinite(y[i]) && (se == null || Double.isFinite(se[i]));
    }

    /** The whole 95% interval is above 0. */
    public boolean increasing() {
        return low > 0;
    }

    /** The whole 95% interval is below 0. */
    public boolean decreasing() {
        return high < 0;
    }

    /** "0.123 [0.100, 0.146]". */
    public String describe() {
        return Fmt.g(slope) + " [" + Fmt.g(low) + ", " + Fmt.g(high) + "]";
    }
}
