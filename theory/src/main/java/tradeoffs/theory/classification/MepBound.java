package tradeoffs.theory.classification;

import java.util.List;

/**
 * The mutual-exclusivity (MEP) bound of docs/math.md §10.3 [derived]: on the
 * {@link TramerBonehDistribution}, if ε_∞ ≥ 2η and ε₁ ≥ 2 then every classifier h (linear or not)
 * has (ℓ∞ robust error) + (ℓ1 robust error) ≥ 1.
 *
 * <p>Why: couple x = (x₀, z) of class +1 with x″ = (−x₀, z − 2η1) of class −1 (x″ has exactly the
 * class −1 distribution). The point x′ = (x₀, z − 2η1) is within ℓ∞ distance 2η of x and within ℓ1
 * distance 2 of x″, and h(x′) cannot equal both +1 and −1; so P(ℓ∞ error | y=+1) + P(ℓ1 error | y=−1) ≥ 1,
 * likewise with the classes swapped; average the two. The constant classifier attains equality, and the
 * uniform weak-feature classifier approaches it as d grows (error sum Φ(α) + Φ(2/√d − α) at ε_∞ = 2η, ε₁ = 2).
 */
public final class MepBound {
    private MepBound() {}

    /** Whether the bound's premise holds: ε_∞ ≥ 2η and ε₁ ≥ 2. */
    public static boolean applies(TramerBonehDistribution dist, double epsLinf, double epsL1) {
        return epsLinf >= 2.0 * dist.eta() && epsL1 >= 2.0;
    }

    /**
     * (1 − A_∞) + (1 − A₁): the ℓ∞ plus the ℓ1 robust error of a linear classifier, from the exact
     * formula of {@link MultiPerturbationAccuracy#robust}. At least 1 whenever {@link #applies}.
     */
    public static double errorSum(TramerBonehDistribution dist, LinearClassifier c, double epsLinf, double epsL1) {
        return 2.0
                - MultiPerturbationAccuracy.robust(dist, c, Perturbation.linf(epsLinf))
                - MultiPerturbationAccuracy.robust(dist, c, Perturbation.l1(epsL1));
    }

    /** The ℓ∞ and ℓ1 balls of the bound, in that order. */
    public static List<Perturbation> attacks(double epsLinf, double epsL1) {
        return List.of(Perturbation.linf(epsLinf), Perturbation.l1(epsL1));
    }
}
