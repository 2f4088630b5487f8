package tradeoffs.deep.train;

import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/** Standard training: each step minimises the mean cross-entropy on the clean batch. */
public record StandardTraining() implements TrainingMethod {

    @Override
    public String regime() {
        return "standard";
    }

    @Override
    public Batch examples(Classifier model, Batch clean, UniformRandomProvider rng) {
        return clean;
    }
}
