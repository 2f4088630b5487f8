package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.io.Grid;
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

    /**
     * The regimes a sweep trains, in order and without repeats: {@code standard} (or {@code none}),
     * and for each norm named ({@code l1}, {@code l2}, {@code linf}; parameter {@code train_norm})
     * PGD adversarial training at each of its radii (each ≥ 0; parameter {@code train_eps_<norm>}).
     */
    public static List<Regime> of(List<String> names, Map<PerturbationNorm, double[]> radii) {
        List<Regime> out = new ArrayList<>();
        for (String t : names) {
            if (t.trim().equalsIgnoreCase("standard") || t.trim().equalsIgnoreCase("none")) {
                out.add(standard());
                continue;
            }
            PerturbationNorm n = PerturbationNorm.parse(t, "train_norm");
            for (double e : radii.getOrDefault(n, new double[0])) {
                if (!(e >= 0)) {
                    throw new ParameterException("train_eps_" + n.id(), "values must be >= 0", Grid.number(e));
                }
                out.add(new Regime(n, e));
            }
        }
        return out.stream().distinct().toList();
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
