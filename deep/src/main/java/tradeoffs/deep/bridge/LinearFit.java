package tradeoffs.deep.bridge;

import java.util.Arrays;

/**
 * A linear regressor trained by {@link PgdLinearRegression}.
 *
 * @param w           the learned weights (float32 in training, widened to double)
 * @param epochLosses the mean adversarial training loss of each epoch (PGD's loss on the batches,
 *                    with the weights of the moment)
 * @param seconds     wall-clock training time
 */
public record LinearFit(double[] w, double[] epochLosses, double seconds) {
    public LinearFit {
        w = w.clone();
        epochLosses = epochLosses.clone();
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    @Override
    public double[] epochLosses() {
        return epochLosses.clone();
    }

    @Override
    public String toString() {
        return "LinearFit[w=" + Arrays.toString(w) + ", seconds=" + seconds + "]";
    }
}
