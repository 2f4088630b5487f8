package tradeoffs.deep.train;

import tradeoffs.deep.model.Classifier;

/**
 * Called by {@link AdversarialTraining} after every epoch with the model as it is then, e.g. to log
 * progress, evaluate robust accuracy per epoch (best against last epoch: robust overfitting) or keep
 * the best checkpoint. Runs outside the epoch's timing; it must not change the model (evaluation
 * switches parameter gradients off and on again, which is fine).
 */
@FunctionalInterface
public interface EpochHook {
    void afterEpoch(Classifier model, EpochLog log);
}
