package tradeoffs.theory.norm;

import tradeoffs.theory.ParameterException;

/**
 * Euclidean projection onto the ℓp ball {δ : ‖δ‖_p ≤ r} for p = 1, 2, ∞ (docs/math.md §1.3), in place: clipping to
 * [−r, r] for ℓ∞, scaling by min(1, r/‖δ‖₂) for ℓ2, and the exact sort-based projection of Duchi
 * et al. (ICML 2008) for ℓ1 ({@link L1BallProjection}), which lands on the sphere without the
 * overshoot of the SLIDE code of Tramèr and Boneh (2019). The one projection of the linear PGD
 * attacks (simulation and the deep bridge) and of the finite-sample certificate.
 */
public final class LpBall {
    private LpBall() {}

    /** Π_{‖·‖_p ≤ r}(v), written into {@code v}. */
    public static void project(LpNorm p, double[] v, double r) {
        project(p, v, 0, v.length, r);
    }

    /**
     * Π_{‖·‖_p ≤ r} of the block v[offset .. offset + length), written into that block (the rest of
     * {@code v} is untouched); for a batch of perturbations stored row after row.
     *
     * @param p the ball's norm: ℓ1, ℓ2 or ℓ∞ (other p: {@link ParameterException} on {@code norm})
     * @param r the radius r ≥ 0 ({@link ParameterException} on {@code radius} otherwise)
     */
    public static void project(LpNorm p, double[] v, int offset, int length, double r) {
        if (!(r >= 0)) {
            throw new ParameterException("radius", "must be >= 0", r);
        }
        int end = offset + length;
        if (p.isInfinity()) {
            for (int i = offset; i < end; i++) {
                v[i] = Math.max(-r, Math.min(r, v[i]));
            }
            return;
        }
        if (!p.isTwo() && !p.isOne()) {
            throw new ParameterException("norm", "must be l1, l2 or linf", p.name());
        }
        double[] block = offset == 0 && length == v.length ? v : java.util.Arrays.copyOfRange(v, offset, end);
        if (p.isTwo()) {
            double norm = p.norm(block);
            if (norm > r) {
                double f = r / norm;
                for (int i = offset; i < end; i++) {
                    v[i] *= f;
                }
            }
            return;
        }
        System.arraycopy(L1BallProjection.project(block, r), 0, v, offset, length);
    }
}
