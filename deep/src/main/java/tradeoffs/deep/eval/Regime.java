package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.train.TrainConfig;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/**
 * A training regime of a sweep: a training method and the balls its attacks search. Standard
 * training has no ball; PGD, BETA-AT and TRADES one; MAX and AVG two or more.
 *
 * @param method the training method
 * @param balls the attacks' norms and training radii, in order (the first is {@link #norm} and
 *     {@link #eps})
 */
public record Regime(TrainConfig.Method method, List<Ball> balls) {

    /**
     * The ball {‖δ‖ ≤ ε} of one training attack.
     *
     * @param norm the attack norm
     * @param eps the training radius ε ≥ 0
     */
    public record Ball(PerturbationNorm norm, double eps) {
        public Ball {
            if (norm == null) {
                throw new ParameterException("train_norm", "is required", null);
            }
            ParameterException.requireNonNegative("train_eps", eps);
        }

        /** A folder-safe name, e.g. {@code linf-eps0.0313725}. */
        String id() {
            return norm.id() + "-eps" + String.format(Locale.ROOT, "%.6g", eps);
        }
    }

    public Regime {
        if (method == null) {
            throw new ParameterException("method", "is required", null);
        }
        balls = List.copyOf(balls);
        int need = switch (method) {
            case STANDARD -> 0;
            case PGD, BETA, TRADES -> 1;
            case MAX, AVG -> 2;
        };
        if (method.multi() ? balls.size() < need : balls.size() != need) {
            throw new ParameterException(
                    "train_norm",
                    "method " + method.id() + " needs " + (method.multi() ? "at least " : "") + need + " norm"
                            + (need == 1 ? "" : "s"),
                    balls.size());
        }
    }

    /**
     * Standard training (norm null, ε = 0) or PGD adversarial training in one norm at radius ε
     * (PGD at ε = 0 is standard training).
     */
    public Regime(PerturbationNorm norm, double eps) {
        this(pgdOrStandard(norm, eps), norm == null || eps == 0 ? List.of() : List.of(new Ball(norm, eps)));
    }

    private static TrainConfig.Method pgdOrStandard(PerturbationNorm norm, double eps) {
        ParameterException.requireNonNegative("train_eps", eps);
        if (norm == null && eps != 0) {
            throw new ParameterException("train_eps", "must be 0 for standard training", eps);
        }
        return norm == null || eps == 0 ? TrainConfig.Method.STANDARD : TrainConfig.Method.PGD;
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

    /** {@code method} with the given balls. */
    public static Regime of(TrainConfig.Method method, Ball... balls) {
        return new Regime(method, List.of(balls));
    }

    public boolean adversarial() {
        return !balls.isEmpty();
    }

    /** The first attack's norm, null for standard training. */
    public PerturbationNorm norm() {
        return balls.isEmpty() ? null : balls.get(0).norm();
    }

    /** The first attack's radius, 0 for standard training. */
    public double eps() {
        return balls.isEmpty() ? 0 : balls.get(0).eps();
    }

    /**
     * "standard", or the norms joined by '+' ("l2", "linf", "linf+l2"), as written in the tables'
     * {@code train_norm} column.
     */
    public String normId() {
        if (balls.isEmpty()) {
            return "standard";
        }
        StringJoiner j = new StringJoiner("+");
        balls.forEach(b -> j.add(b.norm().id()));
        return j.toString();
    }

    /** The method's name, as written in the tables' {@code train_method} column. */
    public String methodId() {
        return method.id();
    }

    /**
     * A folder-safe name: {@code standard}, {@code linf-eps0.0313725} (PGD, as before methods were
     * named), else the method and every ball, e.g. {@code trades-linf-eps0.0314000} or
     * {@code max-linf-eps0.0314000+l2-eps0.500000}.
     */
    public String id() {
        if (method == TrainConfig.Method.STANDARD) {
            return "standard";
        }
        List<String> parts = new ArrayList<>();
        balls.forEach(b -> parts.add(b.id()));
        String joined = String.join("+", parts);
        return method == TrainConfig.Method.PGD ? joined : method.id() + "-" + joined;
    }

    /** For the settings table: {@code standard}, {@code linf:0.0314}, {@code trades linf:0.0314}, {@code max linf:0.0314+l2:0.5}. */
    public String describe() {
        if (balls.isEmpty()) {
            return "standard";
        }
        StringJoiner j = new StringJoiner("+");
        balls.forEach(b -> j.add(b.norm().id() + ":" + b.eps()));
        return method == TrainConfig.Method.PGD ? j.toString() : method.id() + " " + j;
    }
}
