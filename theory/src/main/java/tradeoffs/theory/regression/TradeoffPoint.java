package tradeoffs.theory.regression;

import java.util.Arrays;
import tradeoffs.theory.norm.LpNorm;

/**
 * One point of a tradeoff curve: the adversarially trained weights at (attack, ε) and what they
 * imply (docs/math.md §2.2, §4–§5).
 *
 * @param attack           the attack norm
 * @param eps              ε
 * @param w                the full weight vector (copied in and out)
 * @param wCore            the core weight (one core feature) or the core block's ℓ2 norm
 * @param wSpurious        the spurious weight (one spurious feature) or the block's ℓ2 norm (NaN without spurious features)
 * @param spuriousReliance docs/math.md §5.1
 * @param standardRisk     R_0 = s²
 * @param adversarialRisk  R_ε
 * @param shiftedRisk      the standard risk in the test domain (docs/math.md §5.2), NaN when none was given
 * @param coreOnlyRisk     min R_ε with spurious weights fixed at 0 (claim 4), NaN when not asked
 * @param certificate      the optimality certificate of w
 */
public record TradeoffPoint(
        LpNorm attack,
        double eps,
        double[] w,
        double wCore,
        double wSpurious,
        double spuriousReliance,
        double standardRisk,
        double adversarialRisk,
        double shiftedRisk,
        double coreOnlyRisk,
        OptimalityCertificate certificate) {
    public TradeoffPoint {
        w = w.clone();
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    /** coreOnlyRisk − adversarialRisk: the adversarial risk the spurious features save (claim 4); NaN when not computed. */
    public double spuriousBenefit() {
        return coreOnlyRisk - adversarialRisk;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeoffPoint t
                && t.attack.equals(attack)
                && Double.compare(t.eps, eps) == 0
                && Arrays.equals(t.w, w)
                && Double.compare(t.shiftedRisk, shiftedRisk) == 0
                && Double.compare(t.coreOnlyRisk, coreOnlyRisk) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(w) * 31 + Double.hashCode(eps);
    }
}
