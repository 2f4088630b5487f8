package tradeoffs.deep.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.attack.AdversarialBatch;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.model.Classifier;

/**
 * Adversarial training against several attacks at once (Tramèr &amp; Boneh 2019): MAX trains on
 * each example's highest-loss attack (the first on ties), AVG on all attacks' examples (the batch
 * grows by the number of attacks). The attacks run one after the other on the same stream.
 *
 * @param attacks at least two attacks
 * @param mode how their examples combine
 */
public record MultiPerturbationTraining(List<Pgd> attacks, TrainConfig.MultiMode mode) implements TrainingMethod {

    public MultiPerturbationTraining {
        attacks = List.copyOf(attacks);
        if (attacks.size() < 2) {
            throw new IllegalArgumentException(
                    "multi-perturbation training needs at least two attacks (got " + attacks.size() + ")");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
    }

    @Override
    public String regime() {
        StringBuilder sb = new StringBuilder();
        for (Pgd p : attacks) {
            sb.append(sb.length() == 0 ? "" : "+").append(p.norm().id());
        }
        return sb.toString();
    }

    @Override
    public Batch examples(Classifier model, Batch clean, UniformRandomProvider rng) {
        if (mode == TrainConfig.MultiMode.AVG) {
            NDList images = new NDList();
            NDList labels = new NDList();
            for (Pgd a : attacks) {
                images.add(a.perturb(model, clean.images(), clean.labels(), rng));
                labels.add(clean.labels());
            }
            return new Batch(NDArrays.concat(images, 0), NDArrays.concat(labels, 0));
        }
        List<AdversarialBatch> results = new ArrayList<>();
        for (Pgd a : attacks) {
            results.add(a.attack(model, clean.images(), clean.labels(), rng));
        }
        NDArray worst = AdversarialBatch.largestObjective(results).images();
        return new Batch(worst, clean.labels());
    }
}
