package tradeoffs.theory.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * The linear classifier with the highest robust accuracy on the {@link TramerBonehDistribution}
 * for one perturbation type, the union of several ("max"), or their average ("avg"), using the exact
 * accuracy of docs/math.md §10.2 [derived]. Attack norms must be ℓ1, ℓ2 or ℓ∞.
 *
 * <h2>Why a three-parameter family suffices [derived]</h2>
 * Every margin in {@link MultiPerturbationAccuracy} has the form ±w₀ + ηS + yb − r, divided by σ, so:
 * <ol>
 *   <li>sign(w·x + b) is unchanged by scaling (w, b) by c &gt; 0: take ‖(w₀, w_{1:d})‖₂ = 1, or w = 0
 *       (a constant classifier, accuracy ½ at best);</li>
 *   <li>b and −b give the same accuracy (the two y-terms swap), so b ≥ 0; and w₀ ≥ 0 (p₀ ≥ ½ puts the
 *       larger weight on the larger margin, rearrangement); flipping the sign of a weak weight keeps
 *       every norm and, as η ≥ 0, making all weak weights ≥ 0 can only raise S. Then S = ‖w_{1:d}‖₁;</li>
 *   <li>the reductions depend on the weak weights only through a = ‖w_{1:d}‖₁, σ = ‖w_{1:d}‖₂ and
 *       t = ‖w_{1:d}‖_∞: ℓ∞ attack ε(|w₀| + a), ℓ2 attack ε‖w‖₂, ℓ1 attack ε·max(|w₀|, t). For fixed a and σ the
 *       accuracy can only grow as t shrinks, and the smallest t is attained by the "water-filling" profile
 *       (t, …, t, ρt, 0, …, 0) with m full entries and one partial entry ρ ∈ [0, 1) (the extreme points of
 *       {0 ≤ v ≤ t, Σv = a} maximise Σv²). With κ = m + ρ ∈ [1, d] the profile is continuous in κ and
 *       a/σ = (m + ρ)/√(m + ρ²) runs monotonically from 1 (one weak feature) to √d (all, uniform).</li>
 * </ol>
 * So it suffices to search w₀ = cos θ, w_{1:d} = sin θ·v(κ)/‖v(κ)‖₂, b ≥ 0: the parameters
 * (θ, κ, b). The uniform family w = (w₀, u·1_d) alone is not provably sufficient: under an ℓ∞ attack
 * with ε_∞ &gt; η (the MEP regime) spreading weight over more weak features costs ε_∞ per unit of ℓ1 norm
 * but gains only η, so fewer weak features can pay off in the union; the search therefore covers κ too.
 * (In our scans the optimum used either all weak features or none.)
 *
 * <p>The search is a grid over (θ, κ, b) followed by Nelder–Mead (Commons Math) from the best grid
 * points; the accuracy is not concave, so this is a careful numerical optimum, not a certificate.
 */
public final class OptimalLinearClassifier {
    /** How several perturbation types are combined. */
    public enum Combination {
        /** Union of balls: the attacker picks the type per example ("max"). */
        UNION,
        /** Average of the per-type robust accuracies ("avg"). */
        AVERAGE
    }

    /**
     * The optimum.
     *
     * @param classifier the optimal classifier (normalised: ‖(w₀, w_{1:d})‖₂ = 1, or w = 0 and b = 1 for
     *     the constant classifier)
     * @param accuracy its robust accuracy under the objective
     * @param theta the angle θ ∈ [0, π/2] between the robust feature (θ = 0) and the weak features
     * @param support κ ∈ [1, d], the effective number of weak features used (NaN for θ = 0 or constant)
     */
    public record Optimum(LinearClassifier classifier, double accuracy, double theta, double support) {}

    private static final int THETA_GRID = 61;
    private static final int KAPPA_GRID = 25;
    private static final int BIAS_GRID = 41;
    private static final int STARTS = 8;

    private OptimalLinearClassifier() {}

    /** The optimal classifier for one perturbation type. */
    public static Optimum single(TramerBonehDistribution dist, Perturbation attack) {
        return optimise(dist, List.of(attack), Combination.UNION);
    }

    /** The optimal classifier for the given types combined by {@code combination}. */
    public static Optimum optimise(TramerBonehDistribution dist, List<Perturbation> attacks, Combination combination) {
        if (attacks == null || attacks.isEmpty()) {
            throw new ParameterException("attacks", "must hold at least one perturbation type", "none");
        }
        for (Perturbation a : attacks) {
            LpNorm p = a.norm();
            if (!p.isOne() && !p.isTwo() && !p.isInfinity()) {
                throw new ParameterException("attacks", "must be l1, l2 or linf for optimal classifiers", p.name());
            }
        }
        Objective f = new Objective(dist, attacks, combination);
        int d = dist.dim();
        double[] kappas = kappaGrid(d);
        List<double[]> top = new ArrayList<>();
        for (int i = 0; i < THETA_GRID; i++) {
            double theta = 0.5 * Math.PI * i / (THETA_GRID - 1);
            for (double kappa : kappas) {
                for (int k = 0; k < BIAS_GRID; k++) {
                    double beta = (double) k / (BIAS_GRID - 1);
                    double[] x = {theta, kappa, beta};
                    top.add(new double[] {theta, kappa, beta, f.value(x)});
                }
                if (i == 0) {
                    break; // θ = 0 uses no weak feature: κ is irrelevant
                }
            }
        }
        top.sort(Comparator.comparingDouble((double[] r) -> -r[3]));
        double[] best = top.get(0);
        SimplexOptimizer nm = new SimplexOptimizer(1e-13, 1e-15);
        // initial simplex: one grid cell, so the polish explores between grid points
        double[] steps = {0.5 * Math.PI / (THETA_GRID - 1), Math.max(0.5, (d - 1.0) / KAPPA_GRID), 1.0 / (BIAS_GRID - 1)
        };
        for (int s = 0; s < Math.min(STARTS, top.size()); s++) {
            double[] start = Arrays.copyOf(top.get(s), 3);
            BestPoint tracked = new BestPoint(f);
            try {
                nm.optimize(
                        new MaxEval(3000),
                        new ObjectiveFunction(tracked::value),
                        GoalType.MAXIMIZE,
                        new InitialGuess(start),
                        new NelderMeadSimplex(steps));
            } catch (TooManyEvaluationsException e) {
                // plateaus of the step-function cells can stall the simplex: keep the best point it visited
            }
            if (tracked.value > best[3]) {
                best = new double[] {tracked.point[0], tracked.point[1], tracked.point[2], tracked.value};
            }
        }
        double theta = best[0];
        boolean constant = best[2] >= 1.0;
        LinearClassifier c = constant ? new LinearClassifier(0.0, new double[d], 1.0) : f.classifier(best);
        double support = constant || theta == 0.0 ? Double.NaN : best[1];
        return new Optimum(c, best[3], constant ? Double.NaN : theta, support);
    }

    /** κ values: all integers for small d, else log-spaced from 1 to d. */
    private static double[] kappaGrid(int d) {
        if (d <= KAPPA_GRID) {
            double[] k = new double[d];
            for (int i = 0; i < d; i++) {
                k[i] = i + 1;
            }
            return k;
        }
        double[] k = new double[KAPPA_GRID];
        for (int i = 0; i < KAPPA_GRID; i++) {
            k[i] = Math.exp(Math.log(d) * i / (KAPPA_GRID - 1));
        }
        k[KAPPA_GRID - 1] = d;
        return k;
    }

    /** Remembers the best (clamped) point the simplex evaluates. */
    private static final class BestPoint {
        private final Objective f;
        double[] point;
        double value = Double.NEGATIVE_INFINITY;

        BestPoint(Objective f) {
            this.f = f;
        }

        double value(double[] raw) {
            double[] x = f.clamp(raw);
            double v = f.value(x);
            if (v > value) {
                value = v;
                point = x;
            }
            return v;
        }
    }

    /** The robust accuracy as a function of (θ, κ, β), with b = β/(1 − β) and β = 1 the constant classifier. */
    private static final class Objective {
        private final TramerBonehDistribution dist;
        private final List<Perturbation> attacks;
        private final Combination combination;

        Objective(TramerBonehDistribution dist, List<Perturbation> attacks, Combination combination) {
            this.dist = dist;
            this.attacks = attacks;
            this.combination = combination;
        }

        double[] clamp(double[] x) {
            return new double[] {
                Math.min(0.5 * Math.PI, Math.max(0.0, x[0])),
                Math.min(dist.dim(), Math.max(1.0, x[1])),
                Math.min(1.0, Math.max(0.0, x[2]))
            };
        }

        double value(double[] raw) {
            double[] x = clamp(raw);
            if (x[2] >= 1.0) {
                return 0.5; // constant classifier: right on exactly one class
            }
            double w0 = Math.cos(x[0]);
            double sigma = Math.sin(x[0]);
            double[] profile = profile(x[1]);
            double weakL1 = sigma * profile[0];
            double weakLinf = sigma * profile[1];
            double b = x[2] / (1.0 - x[2]);
            double worst = 0.0;
            double sum = 0.0;
            for (Perturbation a : attacks) {
                double q;
                if (a.norm().isInfinity()) {
                    q = Math.abs(w0) + weakL1; // ℓ1 dual
                } else if (a.norm().isOne()) {
                    q = Math.max(Math.abs(w0), weakLinf); // ℓ∞ dual
                } else {
                    q = Math.hypot(w0, sigma);
                }
                double r = a.eps() == 0.0 ? 0.0 : a.eps() * q;
                worst = Math.max(worst, r);
                sum += MultiPerturbationAccuracy.accuracy(dist, w0, weakL1, sigma, b, r);
            }
            return combination == Combination.UNION
                    ? MultiPerturbationAccuracy.accuracy(dist, w0, weakL1, sigma, b, worst)
                    : sum / attacks.size();
        }

        /** (‖v‖₁, ‖v‖_∞) of the unit-ℓ2 water-filling profile with κ = m + ρ. */
        double[] profile(double kappa) {
            int m = (int) Math.floor(kappa);
            double rho = kappa - m;
            if (m >= dist.dim()) {
                m = dist.dim();
                rho = 0.0;
            }
            double t = 1.0 / Math.sqrt(m + rho * rho);
            return new double[] {t * (m + rho), t};
        }

        LinearClassifier classifier(double[] x) {
            int d = dist.dim();
            double w0 = Math.cos(x[0]);
            double sigma = Math.sin(x[0]);
            double[] weak = new double[d];
            if (sigma > 0.0) {
                int m = (int) Math.floor(x[1]);
                double rho = x[1] - m;
                if (m >= d) {
                    m = d;
                    rho = 0.0;
                }
                double t = sigma / Math.sqrt(m + rho * rho);
                for (int i = 0; i < m; i++) {
                    weak[i] = t;
                }
                if (m < d) {
                    weak[m] = rho * t;
                }
            }
            return new LinearClassifier(w0, weak, x[2] / (1.0 - x[2]));
        }
    }
}
