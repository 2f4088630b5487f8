package tradeoffs.deep.train;

import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.model.Classifier;

/**
 * PGD adversarial training (Madry et al. 2018): min_θ E max_{‖δ‖_p ≤ ε} CE(f_θ(x + δ), y), the
 * inner max approximated by the attack's final iterate ({@link Pgd#perturb}: the model in inference
 * mode, no forward pass at the final iterate), in any of the attack's norms.
 *
 * @param attack the inner attack
 */
public record PgdTraining(Pgd attack) implements TrainingMethod {

    public PgdTraining {
        if (attack == null) {
            throw new IllegalArgumentException("attack is required");
        }
    }

    @Override
    public String regime() {
        return attack.norm().id();
    }

    @Override
    public Batch examples(Classifier model, Batch clean, UniformRandomProvider rng) {
        return new Batch(attack.perturb(model, clean.images(), clean.labels(), rng), clean.labels());
    }
}
