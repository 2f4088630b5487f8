package tradeoffs.deep.eval;

import java.util.Locale;
import tradeoffs.deep.attack.PerturbationNorm;

/**
 * A training regime of a sweep: standard training (norm null, ε = 0) or PGD adversarial training
 * in one norm at radius ε.
 *
 * @param norm the attack norm, null for standard training
 * @param eps the training radius (0 for standard training)
 */
public record Regime(PerturbationNorm norm, double eps) {
    public Regime {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("--train-eps must be >= 0 (got " + eps + ")");
        }
        if (norm == null && eps != 0) {
            throw new IllegalArgumentException("standard training has eps 0 (got " + eps + ")");
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
