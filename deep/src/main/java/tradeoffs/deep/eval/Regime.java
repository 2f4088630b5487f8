package tradeoffs.deep.eval;

import java.util.Locale;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.theory.ParameterException;

/**
 * A training regime of a sweep: standard training (norm null, ε = 0) or PGD adversarial training
 * in one norm at radius ε.
 *
 * @param norm the attack norm, null for standard training
 * @param eps the training radius (0 for standard training)
 */
public record Regime(PerturbationNorm norm, double eps) {
    public Regime {
        ParameterException.requireNonNegative("train_eps", eps);
        if (norm == null && eps != 0) {
            throw new ParameterException("train_eps", "must be 0 for standard training", eps);
        }
        if (norm != null && eps == 0) {
            norm = null; // adversarial training at ε = 0 is standard training
        }
    }

    public static Regime standard() {
        return new Regime(null, 0);
    }

    public boolean adversarial() {
        return norm != null;
    }

    /** "standard", "l2" or "linf", as written in the tables' {@code train_norm} column. */
    public String normId() {
        return norm == null ? "standard" : norm.id();
    }

    /** A folder-safe name, e.g. {@code standard} or {@code linf-eps0.0313725}. */
    public String id() {
        return norm == null ? "standard" : norm.id() + "-eps" + String.format(Locale.ROOT, "%.6g", eps);
    }
}
