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
 * @param attacks empty for standard training; one PGD attack for adversarial training (Madry et al.
 *     2018: each step trains on the attack's final iterate); several for multi-perturbation
 *     training combined by {@code mode}
 * @param mode how several attacks combine: MAX trains on each example's
 *     highest-loss attack, AVG on all attacks' examples
 */
public record TrainConfig(
        Architecture architecture,
        int epochs,
        int batchSize,
        double learningRate,
        long seed,
        List<Pgd> attacks,
        MultiMode mode) {

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

    public TrainConfig {
        if (architecture == null) {
            throw new ParameterException("architecture", "is required", null);
        }
        ParameterException.requireAtLeast("epochs", epochs, 1);
        ParameterException.requireAtLeast("batch_size", batchSize, 1);
        ParameterException.requirePositive("learning_rate", learningRate);
        attacks = attacks == null ? List.of() : List.copyOf(attacks);
        mode = mode == null ? MultiMode.MAX : mode;
    }

    /** Standard training. */
    public static TrainConfig standard(Architecture a, int epochs, int batchSize, double lr, long seed) {
        return new TrainConfig(a, epochs, batchSize, lr, seed, List.of(), MultiMode.MAX);
    }

    /** PGD adversarial training against one attack. */
    public TrainConfig withAttack(Pgd attack) {
        return new TrainConfig(architecture, epochs, batchSize, learningRate, seed, List.of(attack), mode);
    }

    public boolean adversarial() {
        return !attacks.isEmpty();
    }

    /** "standard", or the attacks' norms joined by '+', e.g. "linf" or "l1+linf". */
    public String regime() {
        return method().regime();
    }

    /**
     * The training method these attacks describe: standard training without attacks, PGD
     * adversarial training with one, multi-perturbation training combined by {@link #mode} with
     * several.
     */
    public TrainingMethod method() {
        return switch (attacks.size()) {
            case 0 -> new StandardTraining();
            case 1 -> new PgdTraining(attacks.get(0));
            default -> new MultiPerturbationTraining(attacks, mode);
        };
    }
}
