package tradeoffs.deep.attack;

import java.util.Locale;

/**
 * The norm of a perturbation ball {‖δ‖_p ≤ ε}: ℓ1, ℓ2 or ℓ∞. The dual exponent q (1/p + 1/q = 1)
 * is the one the worst case of a linear score uses (THEORY.md §1.2, §4).
 */
public enum PerturbationNorm {
    L1("l1"), L2("l2"), LINF("linf");

    private final String id;

    PerturbationNorm(String id) {
        this.id = id;
    }

    /** Parses {@code l1, l2, linf} (also {@code inf}, {@code l_inf}); {@code flag} names the option in errors. */
    public static PerturbationNorm parse(String text, String flag) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        switch (t) {
            case "l1":
                return L1;
            case "l2":
                return L2;
            case "linf":
            case "inf":
                return LINF;
            default:
                throw new IllegalArgumentException(flag + " must be one of l1, l2, linf (got '" + text + "')");
        }
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
