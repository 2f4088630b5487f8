package tradeoffs.simulation.training;

import static tradeoffs.theory.optim.Vectors.dot;

import java.util.Arrays;
import tradeoffs.theory.optim.Vectors;

/**
 * The Newton step of one pattern of {@link PiecewiseQuadraticFinish} from the Cholesky factor of
 * S = XᵀX/n that {@link SufficientStatistics} keeps, with no factorisation of its own
 * (docs/math.md §6.3, [derived]). On the pattern, F_P has the Hessian 2K with
 *
 * <pre>  K = S − ε(uτᵀ + τuᵀ) + ε²ττᵀ = S + ppᵀ − uuᵀ,   p = ετ − u,   u = (1/n) Σ_i σ_i x_i,</pre>
 *
 * a rank-two change of S, so K⁻¹v = S⁻¹v − S⁻¹B M⁻¹ BᵀS⁻¹v with B = [p, u] and the 2 × 2 matrix
 * M = diag(1, −1) + BᵀS⁻¹B (Sherman–Morrison–Woodbury; Golub &amp; Van Loan, Matrix Computations,
 * 4th ed., §2.1.4). The held rows x_h (h ∈ H) and the zero coordinates e_j (j ∈ Z) are the rows a
 * of the constraint Aδ = 0, and the step minimises gᵀδ + δᵀKδ on it by the range-space method
 * (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., §16.2):
 *
 * <pre>  z = K⁻¹g,  Y = K⁻¹Aᵀ,  (AY) λ = −Az,  δ = −(z + Yλ)/2.</pre>
 *
 * S⁻¹a is solved once per constraint and kept for the whole finish (a row held, released and held
 * again costs nothing the second time), so a step costs three solves with the factor of S (g, p,
 * u: O(d²) each), O(d) per constraint for Y and AY's coordinate rows, O(d) per entry of AY's
 * held rows, and a Cholesky factorisation of the small (|H| + |Z|)² matrix AY, against a fresh
 * factorisation of the free coordinates' (d − |Z|)² Hessian and |H| + 1 solves with it per step
 * before.
 *
 * <p>Not thread-safe: one instance per finish.
 */
final class PatternStep {
    private final SufficientStatistics stats;
    private final SignClasses classes;
    /** S⁻¹e_j, solved when coordinate j is first held at zero. */
    private final double[][] coordinate;
    /** S⁻¹x_i for the rows of U (U order), solved when row i is first held. */
    private final double[][] row;
    /** w_LS = S⁻¹c, solved at the first step. */
    private double[] leastSquares;
    /** The τ of {@link #tauSolved} = S⁻¹τ (null before the first step). */
    private double[] solvedTau;

    private double[] tauSolved;

    /**
     * The multipliers λ of the last {@link #direction} (zero coordinates in increasing order, then
     * the held rows in their order; null if the last step had no constraints or failed): with the
     * full step taken, g(w + δ) + Aᵀλ = 0 for F_P's gradient at the new point.
     */
    double[] lambda;
    /** The signs σ_h that the caller's gradient gave the held rows (for reading λ; set by the caller). */
    double[] heldSigns;

    PatternStep(SufficientStatistics stats, SignClasses classes) {
        this.stats = stats;
        this.classes = classes;
        this.coordinate = new double[stats.d][];
        this.row = new double[classes.m][];
    }

    /**
     * δ into {@code delta} (length d, zero on the zero coordinates) for F_P's gradient g (length
     * d) and p, u of the class comment at the point w, where a = ετᵀw ({@code alpha0}) and ᾱ = {@code meanAlpha};
     * false if M or AY cannot be factored or δ is not finite. Of the three solves with S, only
     * S⁻¹u is new at every step: g = −2(c − Sw) − 2au + 2ᾱετ and p = ετ − u give
     *
     * <pre>  S⁻¹g = −2(w_LS − w) − 2a S⁻¹u + 2ᾱε S⁻¹τ,   S⁻¹p = ε S⁻¹τ − S⁻¹u,</pre>
     *
     * with w_LS = S⁻¹c solved once per finish and S⁻¹τ again only when τ changed. [derived]
     */
    boolean direction(
            double[] g,
            double[] p,
            double[] u,
            double[] w,
            double alpha0,
            double meanAlpha,
            double eps,
            double[] tau,
            boolean[] zero,
            int[] held,
            double[] delta) {
        int d = stats.d;
        lambda = null;
        if (leastSquares == null) {
            leastSquares = stats.solveGram(stats.xty);
        }
        if (!Arrays.equals(tau, solvedTau)) {
            solvedTau = tau.clone();
            tauSolved = stats.solveGram(tau);
        }
        double[] zu = stats.solveGram(u);
        double[] zg = new double[d];
        double[] zp = new double[d];
        for (int j = 0; j < d; j++) {
            double zt = eps * tauSolved[j];
            zg[j] = -2 * (leastSquares[j] - w[j]) - 2 * alpha0 * zu[j] + 2 * meanAlpha * zt;
            zp[j] = zt - zu[j];
        }
        // M = diag(1, −1) + BᵀS⁻¹B and its inverse (2 × 2)
        double m00 = 1 + dot(p, zp);
        double m01 = dot(p, zu);
        double m11 = -1 + dot(u, zu);
        double det = m00 * m11 - m01 * m01;
        if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
            return false;
        }
        double i00 = m11 / det;
        double i01 = -m01 / det;
        double i11 = m00 / det;
        double[] z = woodbury(zg, p, u, zp, zu, i00, i01, i11);
        int nz = 0;
        for (boolean b : zero) {
            if (b) {
                nz++;
            }
        }
        int h = held.length;
        int nc = nz + h;
        if (nc == 0) {
            for (int j = 0; j < d; j++) {
                delta[j] = -z[j] / 2;
            }
            return Vectors.allFinite(delta);
        }
        // the constraints: zero coordinates first, then held rows
        int[] coordinates = new int[nz];
        double[][] y = new double[nc][];
        int c = 0;
        for (int j = 0; j < d; j++) {
            if (zero[j]) {
                coordinates[c] = j;
                if (coordinate[j] == null) {
                    double[] e = new double[d];
                    e[j] = 1;
                    coordinate[j] = stats.solveGram(e);
                }
                y[c] = woodbury(coordinate[j], p, u, zp, zu, i00, i01, i11);
                c++;
            }
        }
        double[] x = classes.x;
        double[][] rows = new double[h][d];
        for (int k = 0; k < h; k++) {
            int i = held[k];
            System.arraycopy(x, i * d, rows[k], 0, d);
            if (row[i] == null) {
                row[i] = stats.solveGram(rows[k]);
            }
            y[nz + k] = woodbury(row[i], p, u, zp, zu, i00, i01, i11);
        }
        // AY (symmetric) and −Az
        NewtonSystem small = new NewtonSystem(nc);
        double[] az = new double[nc];
        for (int a = 0; a < nc; a++) {
            az[a] = a < nz ? z[coordinates[a]] : dot(rows[a - nz], z);
            for (int b = 0; b < nc; b++) {
                small.hessian[a * nc + b] = a < nz ? y[b][coordinates[a]] : dot(rows[a - nz], y[b]);
            }
        }
        // λ = −(AY)⁻¹Az: NewtonSystem solves H s = −g
        double[] lambda = new double[nc];
        if (!small.direction(az, lambda)) {
            return false;
        }
        for (int j = 0; j < d; j++) {
            double s = z[j];
            for (int a = 0; a < nc; a++) {
                s += y[a][j] * lambda[a];
            }
            delta[j] = -s / 2;
        }
        for (int a = 0; a < nz; a++) {
            delta[coordinates[a]] = 0;
        }
        this.lambda = lambda;
        return Vectors.allFinite(delta);
    }

    /** K⁻¹v from S⁻¹v (sv): sv − [S⁻¹p, S⁻¹u] M⁻¹ [pᵀS⁻¹v, uᵀS⁻¹v] (a new array). */
    private static double[] woodbury(
            double[] sv, double[] p, double[] u, double[] zp, double[] zu, double i00, double i01, double i11) {
        double bp = dot(p, sv);
        double bu = dot(u, sv);
        double cp = i00 * bp + i01 * bu;
        double cu = i01 * bp + i11 * bu;
        double[] out = new double[sv.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = sv[j] - zp[j] * cp - zu[j] * cu;
        }
        return out;
    }
}
