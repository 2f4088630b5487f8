package tradeoffs.deep.train;

import java.util.List;
import java.util.Locale;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.model.Architecture;
import tradeoffs.theory.ParameterException;

/**
 * How to train a classifier.
 *
 * @param architecture the model
 * @param epochs passes over the training set (≥ 1)
 * @param batchSize images per step (≥ 1)
 * @param learningRate Adam's step size (&gt; 0)
 * @param seed decides the initial weights, the data order and every attack's random start
 * @param attacks empty for standard training; one PGD attack for PGD, BETA and TRADES training;
 *     several for multi-perturbation training combined by {@code mode}
 * @param mode how several attacks combine: MAX trains on each example's highest-loss attack, AVG on
 *     all attacks' examples (set from {@code method} when that is max or avg)
 * @param method the training method; null means what the attacks imply ({@link Method#implied}), as
 *     checkpoints written before the method was recorded are read
 * @param tradesBeta TRADES' weight β ≥ 0 of the KL term (used by {@link Method#TRADES} only; kept at
 *     {@link #DEFAULT_TRADES_BETA} for the other methods)
 */
public record TrainConfig(
        Architecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        List<Pgd> attacks,
        MultiMode mode,
        Method method,
        double tradesBeta) {

    /** TRADES' β of Zhang et al. 2019 (their CIFAR-10 setting). */
    public static final double DEFAULT_TRADES_BETA = 6;

    /** Combination of several attacks in adversarial training (Tramèr &amp; Boneh 2019). */
    public enum MultiMode {
        MAX,
        AVG;

        /** Parses {@code max} or {@code avg} (any case); bad input is a {@link ParameterException} for {@code multi}. */
        public static MultiMode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException("multi", "must be one of max, avg", "'" + s + "'");
            }
        }
    }

    /**
     * The training methods, by the name the tables ({@code train_method}), the checkpoint sidecar and
     * the command line use.
     */
    public enum Method {
        /** Cross-entropy on the clean batch. */
        STANDARD("standard"),
        /** PGD adversarial training, one norm (Madry et al. 2018). */
        PGD("pgd"),
        /** Multi-perturbation training, each example's worst attack (Tramèr &amp; Boneh 2019). */
        MAX("max"),
        /** Multi-perturbation training, every attack's examples (Tramèr &amp; Boneh 2019). */
        AVG("avg"),
        /** BETA adversarial training: the largest-margin class's perturbation (Robey et al. 2024). */
        BETA("beta"),
        /** TRADES: CE(f(x), y) + β·KL(f(x) ‖ f(x′)) (Zhang et al. 2019). */
        TRADES("trades");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Parses a method's name (any case); bad input is a {@link ParameterException} for {@code method}. */
        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.id.equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new ParameterException(
                    "method", "must be one of standard, pgd, max, avg, beta, trades", "'" + s + "'");
        }

        /** What a list of attacks meant before the method was recorded: none standard, one PGD, several MAX/AVG. */
        public static Method implied(int attacks, MultiMode mode) {
            return attacks == 0 ? STANDARD : attacks == 1 ? PGD : mode == MultiMode.AVG ? AVG : MAX;
        }

        /** Whether the method combines several attacks (max, avg). */
        public boolean multi() {
            return this == MAX || this == AVG;
        }
    }

    public TrainConfig {
        if (architecture == null) {
            throw new ParameterException("architecture", "is required", null);
        }
        ParameterException.requireAtLeast("epochs", epochs, 1);
        ParameterException.requireAtLeast("batch_size", batchSize, 1);
        ParameterException.requirePositive("learning_rate", learningRate);
        attacks = attacks == null ? List.of() : List.copyOf(attacks);
        mode = mode == null ? MultiMode.MAX : mode;
        method = method == null ? Method.implied(attacks.size(), mode) : method;
        switch (method) {
            case STANDARD -> {
                if (!attacks.isEmpty()) {
                    throw new ParameterException("method", "standard training takes no attack norm", "standard");
                }
            }
            case PGD, BETA, TRADES -> {
                if (attacks.size() != 1) {
                    throw new ParameterException(
                            "norm", "method " + method.id() + " needs exactly one norm", attacks.size() + " norms");
                }
            }
            case MAX, AVG -> {
                if (attacks.size() < 2) {
                    throw new ParameterException(
                            "norm", "method " + method.id() + " needs at least two norms", attacks.size() + " norms");
                }
                mode = method == Method.MAX ? MultiMode.MAX : MultiMode.AVG;
            }
        }
        if (!(tradesBeta >= 0) || Double.isInfinite(tradesBeta)) {
            throw new ParameterException("trades_beta", "must be a finite number >= 0", tradesBeta);
        }
        if (method != Method.TRADES) {
            tradesBeta = DEFAULT_TRADES_BETA;
        }
    }

    /** The method the attacks imply (none standard, one PGD, several {@code mode}), TRADES' default β. */
    public TrainConfig(
            Architecture architecture,
            int epochs,
            int batchSize,
            double learningRate,
            long seed,
            List<Pgd> attacks,
            MultiMode mode) {
        this(architecture, epochs, batchSize, learningRate, seed, attacks, mode, null, DEFAULT_TRADES_BETA);
    }

    /** Standard training. */
    public static TrainConfig standard(Architecture a, int epochs, int batchSize, double lr, long seed) {
        return new TrainConfig(a, epochs, batchSize, lr, seed, List.of(), MultiMode.MAX);
    }

    /** PGD adversarial training against one attack. */
    public TrainConfig withAttack(Pgd attack) {
        return withMethod(Method.PGD, List.of(attack), DEFAULT_TRADES_BETA);
    }

    /** The same optimiser, epochs, batch size and seed with another method and its attacks. */
    public TrainConfig withMethod(Method m, List<Pgd> attacks, double tradesBeta) {
        return new TrainConfig(architecture, epochs, batchSize, learningRate, seed, attacks, mode, m, tradesBeta);
    }

    /**
     * The same optimiser, epochs, batch size and seed with the method a user asked for by name:
     * {@code method} (null: what the attacks imply), {@code multi} (max or avg; null when not given, a
     * synonym of the method max or avg that needs several attacks), {@code tradesBeta} (null: the
     * default; only with method trades). Bad combinations are a {@link ParameterException} naming
     * {@code method}, {@code multi}, {@code norm} or {@code trades_beta}.
     */
    public TrainConfig withMethod(String method, String multi, Double tradesBeta, List<Pgd> attacks) {
        Method m = method == null ? null : Method.parse(method);
        if (multi != null) {
            Method combined = MultiMode.parse(multi) == MultiMode.AVG ? Method.AVG : Method.MAX;
            if (attacks.size() < 2) {
                throw new ParameterException(
                        "multi", "needs several norms (it combines their attacks)", attacks.size());
            }
            if (m != null && m != combined) {
                throw new ParameterException(
                        "multi",
                        "is a synonym of method max or avg and contradicts method " + m.id(),
                        "'" + multi + "'");
            }
            m = combined;
        }
        if (m == null) {
            m = Method.implied(attacks.size(), MultiMode.MAX);
        }
        if (tradesBeta != null && m != Method.TRADES) {
            throw new ParameterException(
                    "trades_beta", "applies to method trades only (method is " + m.id() + ")", tradesBeta);
        }
        return withMethod(m, attacks, tradesBeta == null ? DEFAULT_TRADES_BETA : tradesBeta);
    }

    public boolean adversarial() {
        return !attacks.isEmpty();
    }

    /**
     * "standard", the attacks' norms joined by '+' (PGD, MAX, AVG: e.g. "linf" or "l1+linf"), or the
     * method and the norm (e.g. "beta-linf", "trades-linf").
     */
    public String regime() {
        return strategy().regime();
    }

    /** The training strategy: {@link #method} with these attacks, as {@link AdversarialTraining} runs it. */
    public TrainingMethod strategy() {
        return switch (method) {
            case STANDARD -> new StandardTraining();
            case PGD -> new PgdTraining(attacks.get(0));
            case MAX, AVG -> new MultiPerturbationTraining(attacks, mode);
            case BETA -> new BetaTraining(attacks.get(0));
            case TRADES -> new TradesTraining(attacks.get(0), tradesBeta);
        };
    }
}
