package tradeoffs.theory.classification;

import tradeoffs.theory.ParameterException;

/**
 * The invariance-vs-sensitivity toy of docs/math.md §10.5 [derived]: y uniform in {−1, +1}; a semantic
 * feature x_s | y ~ N(yμ_s, σ_s²) that decides the true label sign(x_s); a non-semantic feature
 * x_r | y ~ N(yμ_r, σ_r²), independent of x_s given y. σ_s and σ_r are standard deviations.
 *
 * @param muS μ_s, finite
 * @param sigmaS σ_s &gt; 0
 * @param muR μ_r, finite
 * @param sigmaR σ_r &gt; 0
 */
public record InvarianceToy(double muS, double sigmaS, double muR, double sigmaR) {
    public InvarianceToy {
        requireFinite("mu_s", muS);
        requireFinite("mu_r", muR);
        if (!(sigmaS > 0.0) || Double.isInfinite(sigmaS)) {
            throw new ParameterException("sigma_s", "must be finite and > 0", sigmaS);
        }
        if (!(sigmaR > 0.0) || Double.isInfinite(sigmaR)) {
            throw new ParameterException("sigma_r", "must be finite and > 0", sigmaR);
        }
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new ParameterException(name, "must be finite", v);
        }
    }
}
