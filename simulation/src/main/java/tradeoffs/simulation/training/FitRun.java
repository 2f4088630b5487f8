package tradeoffs.simulation.training;

/**
 * The work arrays and counters of one fit: created by each call of
 * {@link EmpiricalAdversarialTraining#fit}, never shared between fits, so the solver needs no
 * locks.
 */
final class FitRun {
    final SufficientStatistics stats;
    final double eps;
    final double p;
    final double q;
    final double tolerance;
    /** Residual work array. */
    final double[] residuals;
    /** Dual-variable work arrays of the certificate. */
    final double[] alpha;
    final double[] beta;
    /** The unclipped dual signs of the held residuals from the last certificate (null if none). */
    double[] lastBandSigns;
    /** The solved subgradient entries of the zero coordinates (q = 1) from the last certificate; NaN elsewhere. */
    double[] lastFreeSubgradient;
    /** Passes over the data so far (the cost driver for large n). */
    int passes;
    /** Newton iterations so far. */
    int steps;
    /** The region whose rows' signs are known (null before the first evaluation). */
    GlobbedRows globbed;
    /** The length of the step being tried: the radius of the next region built. */
    double radiusHint;

    FitRun(SufficientStatistics stats, double p, double eps, double tolerance) {
        this.stats = stats;
        this.p = p;
        this.q = dual(p);
        this.eps = eps;
        this.tolerance = tolerance;
        this.residuals = new double[stats.n];
        this.alpha = new double[stats.n];
        this.beta = new double[stats.n];
    }

    /** The dual exponent q of p (1/p + 1/q = 1) for p ∈ {1, 2, ∞}. */
    static double dual(double p) {
        return p == 1 ? Double.POSITIVE_INFINITY : p == 2 ? 2 : 1;
    }
}
