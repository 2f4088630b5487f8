package tradeoffs.figures;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares line through (log x, log y): log y = intercept + slope·log x, with the slope's
 * 95% confidence half-width (Student t, n − 2 degrees of freedom; NaN with fewer than 3 points).
 */
public record LogLogFit(double intercept, double slope, double slopeHalfWidth95) {

    /** Fits the points with x, y &gt; 0; NaN slope with fewer than two points. */
    public static LogLogFit of(double[] x, double[] y) {
        SimpleRegression r = new SimpleRegression(true);
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0) {
                r.addData(Math.log(x[i]), Math.log(y[i]));
            }
        }
        if (r.getN() < 2) {
            return new LogLogFit(Double.NaN, Double.NaN, Double.NaN);
        }
        double hw = r.getN() < 3 ? Double.NaN : r.getSlopeConfidenceInterval(0.05);
        return new LogLogFit(r.getIntercept(), r.getSlope(), hw);
    }

    /** The fitted line at x: exp(intercept)·x^slope. */
    public double at(double x) {
        return Math.exp(intercept + slope * Math.log(x));
    }
}
