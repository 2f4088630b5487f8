package tradeoffs.simulation.classification;

import org.apache.commons.math3.distribution.TDistribution;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.montecarlo.MonteCarlo;

/**
 * Count, sum and sum of squares of per-sample values (0/1 indicators, error counts), merged chunk by
 * chunk, and the {@link Estimate} they give: mean, standard error sd/√n, Student-t 95% interval and
 * z = (mean − theory)/√(se_z² + τ²), τ = {@link MonteCarlo#NUMERICAL_TOLERANCE}·max(1, |theory|) (the
 * conventions of {@link MonteCarlo#estimate}; docs/math.md §7.2), where se_z uses the larger of the
 * sample variance and the variance the closed form implies (p(1 − p) for a proportion p): a sample whose
 * values all agree (every point robust when the closed form says 0.99997) has sample variance 0, and
 * must not be read as infinitely precise. The values here are small integers, so the sums are exact and
 * do not depend on the order of the chunks.
 */
final class Tally {
    private long n;
    private double sum;
    private double sumSq;

    void add(double v) {
        n++;
        sum += v;
        sumSq += v * v;
    }

    void addAll(Tally o) {
        n += o.n;
        sum += o.sum;
        sumSq += o.sumSq;
    }

    long count() {
        return n;
    }

    /** The estimate of a proportion beside its closed form p (NaN: none, and z is NaN); null variance p(1 − p). */
    Estimate proportion(String quantity, double theory) {
        return estimate(quantity, theory, theory * (1 - theory));
    }

    /**
     * The estimate of the mean beside {@code theory} (NaN: no closed form, z is NaN); {@code nullVariance}
     * is the per-sample variance the closed form implies, or a lower bound of it (NaN: none).
     */
    Estimate estimate(String quantity, double theory, double nullVariance) {
        if (n < 2) {
            return new Estimate(
                    quantity,
                    theory,
                    n == 1 ? sum : Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    (int) n,
                    "");
        }
        double mean = sum / n;
        double var = Math.max(0.0, (sumSq - n * mean * mean) / (n - 1));
        double se = Math.sqrt(var / n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + MonteCarlo.CONFIDENCE / 2);
        double tau = MonteCarlo.NUMERICAL_TOLERANCE * Math.max(1.0, Math.abs(theory));
        double seZ = Double.isNaN(nullVariance) ? se : Math.sqrt(Math.max(var, nullVariance) / n);
        double z = Double.isNaN(theory) ? Double.NaN : (mean - theory) / Math.sqrt(seZ * seZ + tau * tau);
        return new Estimate(quantity, theory, mean, se, mean - t * se, mean + t * se, z, (int) n, "");
    }
}
