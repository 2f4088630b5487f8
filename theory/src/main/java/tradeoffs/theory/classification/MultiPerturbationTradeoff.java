package tradeoffs.theory.classification;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.theory.ParameterException;

/**
 * The ℓ∞-vs-ℓ1 robustness tradeoff on the {@link TramerBonehDistribution} (docs/math.md §10.2,
 * [derived]): linear classifiers w₀ = cos θ, w_i = sin θ/√d (i = 1..d), b = 0, as θ moves from the
 * robust feature x₀ (θ = 0) to the weak features (θ = π/2), and the optimal linear classifiers for
 * ℓ∞ alone, ℓ1 alone, their union and their average ({@link OptimalLinearClassifier}).
 */
public final class MultiPerturbationTradeoff {
    /**
     * One classifier of the table with its exact accuracies (docs/math.md §10.2 formula).
     *
     * @param label "path" for the θ path, or "opt_linf", "opt_l1", "opt_union", "opt_avg"
     * @param theta θ (NaN for a constant classifier)
     * @param classifier the classifier
     * @param clean clean accuracy
     * @param linf robust accuracy under ‖δ‖_∞ ≤ ε_∞
     * @param l1 robust accuracy under ‖δ‖₁ ≤ ε₁
     * @param union robust accuracy under the union of both balls
     * @param average the mean of {@code linf} and {@code l1}
     */
    public record Row(
            String label,
            double theta,
            LinearClassifier classifier,
            double clean,
            double linf,
            double l1,
            double union,
            double average) {
        /** (1 − linf) + (1 − l1): at least 1 when the MEP bound applies ({@link MepBound}). */
        public double errorSum() {
            return 2.0 - linf - l1;
        }
    }

    private MultiPerturbationTradeoff() {}

    /** The path classifier at angle θ: w₀ = cos θ, w_i = sin θ/√d, b = 0. */
    public static LinearClassifier pathClassifier(int dim, double theta) {
        return LinearClassifier.uniform(dim, Math.cos(theta), Math.sin(theta) / Math.sqrt(dim), 0.0);
    }

    /** {@code points} ≥ 2 evenly spaced θ from 0 to π/2, the path's rows. */
    public static List<Row> path(TramerBonehDistribution dist, double epsLinf, double epsL1, int points) {
        if (points < 2) {
            throw new ParameterException("points", "must be >= 2", points);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double theta = i == points - 1 ? 0.5 * Math.PI : 0.5 * Math.PI * i / (points - 1);
            rows.add(row(dist, "path", theta, pathClassifier(dist.dim(), theta), epsLinf, epsL1));
        }
        return rows;
    }

    /** The labels of {@link #optima}, in order. */
    public static final List<String> OPTIMA = List.of("opt_linf", "opt_l1", "opt_union", "opt_avg");

    /** The optimal linear classifiers for ℓ∞, ℓ1, the union and the average, in that order. */
    public static List<Row> optima(TramerBonehDistribution dist, double epsLinf, double epsL1) {
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < OPTIMA.size(); k++) {
            rows.add(optimum(dist, epsLinf, epsL1, k));
        }
        return rows;
    }

    /** Optimum {@code k} of {@link #optima} alone (0: ℓ∞, 1: ℓ1, 2: union, 3: average), so callers can spread them over threads. */
    public static Row optimum(TramerBonehDistribution dist, double epsLinf, double epsL1, int k) {
        List<Perturbation> both = MepBound.attacks(epsLinf, epsL1);
        OptimalLinearClassifier.Optimum o = switch (k) {
            case 0 -> OptimalLinearClassifier.single(dist, both.get(0));
            case 1 -> OptimalLinearClassifier.single(dist, both.get(1));
            case 2 -> OptimalLinearClassifier.optimise(dist, both, OptimalLinearClassifier.Combination.UNION);
            case 3 -> OptimalLinearClassifier.optimise(dist, both, OptimalLinearClassifier.Combination.AVERAGE);
            default -> throw new IllegalArgumentException("optimum index must be 0..3: " + k);
        };
        return row(dist, OPTIMA.get(k), o, epsLinf, epsL1);
    }

    private static Row row(
            TramerBonehDistribution dist,
            String label,
            OptimalLinearClassifier.Optimum o,
            double epsLinf,
            double epsL1) {
        return row(dist, label, o.theta(), o.classifier(), epsLinf, epsL1);
    }

    /** The exact accuracies of one classifier. */
    public static Row row(
            TramerBonehDistribution dist,
            String label,
            double theta,
            LinearClassifier c,
            double epsLinf,
            double epsL1) {
        List<Perturbation> both = MepBound.attacks(epsLinf, epsL1);
        double linf = MultiPerturbationAccuracy.robust(dist, c, both.get(0));
        double l1 = MultiPerturbationAccuracy.robust(dist, c, both.get(1));
        return new Row(
                label,
                theta,
                c,
                MultiPerturbationAccuracy.clean(dist, c),
                linf,
                l1,
                MultiPerturbationAccuracy.union(dist, c, both),
                0.5 * (linf + l1));
    }
}
