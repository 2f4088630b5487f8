package tradeoffs.deep.attack;

import java.util.List;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * The norm of a perturbation ball {‖δ‖_p ≤ ε}: ℓ1, ℓ2 or ℓ∞. The dual exponent q (1/p + 1/q = 1)
 * is the one the worst case of a linear score uses: max over the ball of wᵀδ is ε‖w‖_q (Hölder).
 */
public enum PerturbationNorm {
    L1("l1"),
    L2("l2"),
    LINF("linf");

    private final String id;

    PerturbationNorm(String id) {
        this.id = id;
    }

    /**
     * Parses {@code l1, l2, linf} (any spelling {@link LpNorm#parse} accepts for p = 1, 2, ∞);
     * {@code parameter} names it in errors (a {@link ParameterException}, e.g. {@code "norm"}).
     */
    public static PerturbationNorm parse(String text, String parameter) {
        LpNorm lp;
        try {
            lp = LpNorm.parse(text);
        } catch (IllegalArgumentException e) {
            lp = null;
        }
        for (PerturbationNorm n : values()) {
            if (n.lp().equals(lp)) {
                return n;
            }
        }
        throw new ParameterException(parameter, "must be one of l1, l2, linf", "'" + text + "'");
    }

    /** Parses each of {@code texts} with {@link #parse}, in order and without repeats. */
    public static List<PerturbationNorm> parseAll(List<String> texts, String parameter) {
        return texts.stream().map(t -> parse(t, parameter)).distinct().toList();
    }

    /** The theory module's norm with the same exponent (dual norms, worst-case directions). */
    public LpNorm lp() {
        return switch (this) {
            case L1 -> LpNorm.L1;
            case L2 -> LpNorm.L2;
            case LINF -> LpNorm.LINF;
        };
    }

    /** ‖v‖_p of {@code v[from .. from+len)}, in double precision. */
    public double norm(double[] v, int from, int len) {
        double s = 0;
        switch (this) {
            case L1:
                for (int i = from; i < from + len; i++) {
                    s += Math.abs(v[i]);
                }
                return s;
            case L2:
                for (int i = from; i < from + len; i++) {
                    s += v[i] * v[i];
                }
                return Math.sqrt(s);
            default:
                for (int i = from; i < from + len; i++) {
                    s = Math.max(s, Math.abs(v[i]));
                }
                return s;
        }
    }

    /** The name used on the command line and in result tables. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
