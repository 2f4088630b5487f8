package tradeoffs.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.attack.TradesAttack;
import tradeoffs.deep.model.Classifier;
import tradeoffs.theory.ParameterException;

/**
 * TRADES (Zhang et al. 2019, eq. 5 and Algorithm 1): each step minimises
 *
 * <pre>
 *   (1/N) Σ_i [ CE(f(x_i), y_i) + β·KL(softmax f(x_i) ‖ softmax f(x′_i)) ],
 *   KL(p ‖ q) = Σ_j p_j (log p_j − log q_j),
 * </pre>
 *
 * both terms on training-mode logits with gradients through f(x) and f(x′), where x′ comes from
 * {@link TradesAttack} (PGD on the KL from x + 0.001·N(0, I), the model in inference mode). The
 * step's accuracy counts the adversarial examples x′.
 *
 * @param attack the inner maximisation's ascent rule (norm, ε, steps, step size)
 * @param beta the weight β ≥ 0 of the KL term (6 in the paper's CIFAR-10 runs)
 */
public record TradesTraining(Pgd attack, double beta) implements TrainingMethod {

    public TradesTraining {
        if (attack == null) {
            throw new IllegalArgumentException("attack is required");
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new ParameterException("trades_beta", "must be a finite number >= 0", beta);
        }
    }

    @Override
    public String regime() {
        return "trades-" + attack.norm().id();
    }

    @Override
    public Batch examples(Classifier model, Batch clean, UniformRandomProvider rng) {
        return new Batch(new TradesAttack(attack).perturb(model, clean.images(), clean.labels(), rng), clean.labels());
    }

    @Override
    public StepLoss loss(Classifier model, Batch clean, Batch examples) {
        NDArray natural = model.logits(clean.images(), true);
        NDArray adversarial = model.logits(examples.images(), true);
        NDArray logP = natural.logSoftmax(1);
        NDArray oneHot = clean.labels().oneHot(model.numClasses(), DataType.FLOAT32);
        NDArray ce = logP.mul(oneHot).sum(new int[] {1}).neg().mean();
        NDArray kl = logP.exp()
                .mul(logP.sub(adversarial.logSoftmax(1)))
                .sum(new int[] {1})
                .mean();
        return new StepLoss(ce.add(kl.mul((float) beta)), adversarial, examples.labels());
    }
}
