package tradeoffs.simulation.training;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The state of one fit: its sign classes ({@link SignClasses}), work arrays and counters. Created
 * by each call of {@link EmpiricalAdversarialTraining#fit}, never shared between fits, so the
 * solver needs no locks.
 */
final class FitRun {
    final SufficientStatistics stats;
    final double eps;
    final double p;
    final double q;
    final double tolerance;
    /** The explicit rows U and the sign classes G. */
    SignClasses classes;
    /** Whether the Newton steps of the smoothed stages may move rows of U into G. */
    boolean shrinking;
    /**
     * Whether the sample is near-noiseless for the ℓ2 attack (least-squares residuals far below
     * ε‖w‖₂; {@link EmpiricalAdversarialTraining}): F is then nearly polyhedral and the smoothed
     * stages' Newton runs without the short-step stop ({@link NewtonOnFace}).
     */
    boolean nearNoiseless;
    /** Residuals of the rows of U at the last point evaluated (U order). */
    final double[] residuals;
    /**
     * Dual-variable work arrays of the certificate (U order), allocated by {@link #dualArrays} when
     * a certificate is first computed (U has usually shrunk by then: two n-long arrays saved).
     */
    double[] alpha;

    double[] beta;
    /** Σ_U ρ'(r_k) x_k and Σ_U ρ'(r_k) y_k at the last point evaluated with derivatives. */
    final double[] uU;

    double uyU;
    /** The unclipped dual signs of the held residuals from the last certificate (null if none). */
    double[] lastBandSigns;
    /** The solved subgradient entries of the zero coordinates (q = 1) from the last certificate; NaN elsewhere. */
    double[] lastFreeSubgradient;
    /** The witnesses of the certificates computed on sign classes, for {@link DualCertificate#verify}. */
    final Map<EmpiricalFit, DualCertificate.Witness> witnesses = new IdentityHashMap<>();
    /** The band term Σ c_k x_k x_kᵀ of a Hessian evaluation (d row arrays), reused; see {@link #bandMatrix}. */
    private double[][] band;
    /** Whether {@link #band} holds a sum (set by the evaluation that wrote it). */
    boolean bandDirty;
    /** Passes over all n rows so far. */
    int passes;
    /** Newton iterations so far. */
    int steps;

    FitRun(SufficientStatistics stats, double p, double eps, double tolerance) {
        this.stats = stats;
        this.p = p;
        this.q = dual(p);
        this.eps = eps;
        this.tolerance = tolerance;
        this.classes = new SignClasses(stats);
        this.residuals = new double[stats.n];
        this.uU = new double[stats.d];
    }

    /** Makes {@link #alpha} and {@link #beta} at least m long (their contents are not kept). */
    void dualArrays(int m) {
        if (alpha == null || alpha.length < m) {
            alpha = new double[m];
            beta = new double[m];
        }
    }

    /** The d × d band matrix, all zeros, for one Hessian evaluation (allocated once per fit). */
    double[][] bandMatrix() {
        if (band == null) {
            band = new double[stats.d][stats.d];
        } else if (bandDirty) {
            for (double[] row : band) {
                java.util.Arrays.fill(row, 0.0);
            }
        }
        bandDirty = false;
        return band;
    }

    /** Counts a loop over the m rows of U (a pass when U is every row). */
    void visit(int m) {
        if (m == stats.n) {
            passes++;
        }
    }

    /** The dual exponent q of p (1/p + 1/q = 1) for p ∈ {1, 2, ∞}. */
    static double dual(double p) {
        return p == 1 ? Double.POSITIVE_INFINITY : p == 2 ? 2 : 1;
    }
}
