package tradeoffs.simulation.montecarlo;

/**
 * A Monte Carlo estimate beside its theory value.
 *
 * @param quantity the column name of the quantity (w_core, w_spurious, spurious_reliance,
 *     standard_risk, adversarial_risk, shifted_risk)
 * @param theory the population (closed-form) value from the theory module
 * @param mean the mean over repetitions
 * @param se the standard error of the mean, sd/√reps
 * @param ciLow lower end of the 95% Student-t confidence interval of the mean
 * @param ciHigh upper end
 * @param z (mean − theory)/√(se² + τ²), τ = {@link MonteCarlo#NUMERICAL_TOLERANCE}·max(1, |theory|)
 * @param count repetitions with a defined value
 * @param nonSmooth why the population value sits at a non-smooth point (a value of
 *     {@link tradeoffs.io.schema.NonSmoothLabels}), or empty when it is smooth (docs/math.md §7.4)
 */
public record Estimate(
        String quantity,
        double theory,
        double mean,
        double se,
        double ciLow,
        double ciHigh,
        double z,
        int count,
        String nonSmooth) {
    public Estimate {
        nonSmooth = nonSmooth == null ? "" : nonSmooth;
    }

    /** The same estimate marked with a non-smooth kind (empty: smooth). */
    public Estimate withNonSmooth(String kind) {
        return new Estimate(quantity, theory, mean, se, ciLow, ciHigh, z, count, kind);
    }

    /** The standard deviation of the repetitions, se·√count. */
    public double sd() {
        return se * Math.sqrt(count);
    }
}
