package tradeoffs.simulation.attack;

import tradeoffs.theory.norm.L1BallProjection;
import tradeoffs.theory.norm.LpNorm;

/**
 * Euclidean projection onto the ℓp ball {δ : ‖δ‖_p ≤ r} for p = 1, 2, ∞: clipping for ℓ∞,
 * scaling by min(1, r/‖δ‖₂) for ℓ2, and the exact sort-based projection of Duchi et al. (ICML
 * 2008) for ℓ1, which THEORY.md §2 asks for ({@link L1BallProjection} of the theory module).
 */
public final class LpBall {
    private LpBall() {
    }

    /** Π_{‖·‖_p ≤ r}(v), written into {@code v}. */
    public static void project(LpNorm p, double[] v, double r) {
        if (!(r >= 0)) {
            throw new IllegalArgumentException("radius must be >= 0 (got " + r + ")");
        }
        if (p.isInfinity()) {
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.max(-r, Math.min(r, v[i]));
            }
        } else if (p.isTwo()) {
            double norm = p.norm(v);
            if (norm > r) {
                double f = r / norm;
                for (int i = 0; i < v.length; i++) {
                    v[i] *= f;
                }
            }
        } else if (p.isOne()) {
            double[] out = L1BallProjection.project(v, r);
            System.arraycopy(out, 0, v, 0, v.length);
        } else {
            throw new IllegalArgumentException("norm must be l1, l2 or linf (got " + p.name() + ")");
        }
    }
}
