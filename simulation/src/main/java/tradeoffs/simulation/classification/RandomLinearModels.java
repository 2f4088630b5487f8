package tradeoffs.simulation.classification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Ordinary linear models, as a contrast to the {@link BetaCounterexample}: each draw is a fresh model with
 * K classes, weights w_ki ~ N(0, 1/n²) and b = 0, and a point x ~ N(0, n·Iₙ) labelled with the model's own
 * prediction (so the clean error is 0 and every success is due to the attack). The scales put both models
 * on one ε axis: every score is N(0, 1) given the model, and ‖w_j − w_y‖₁ (what an ℓ∞ attack of radius ε
 * multiplies) is about 2/√π ≈ 1.13, against 1 in the counterexample. No closed forms: the exact margins of
 * each draw are the reference.
 *
 * @param classes K ≥ 2
 * @param dim n ≥ 1
 */
public record RandomLinearModels(int classes, int dim) implements MulticlassScenario {
    public RandomLinearModels {
        if (classes < 2) {
            throw new ParameterException("classes", "must be >= 2", classes);
        }
        if (dim < 1) {
            throw new ParameterException("dim", "must be >= 1", dim);
        }
    }

    @Override
    public String label() {
        return "random";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ColumnNames.TARGET_OFFSET, null);
        p.put(ColumnNames.DECOY_OFFSET, null);
        p.put(ColumnNames.SPREAD, Math.sqrt(dim));
        return p;
    }

    @Override
    public Draw draw(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
        double[][] w = new double[classes][dim];
        for (double[] row : w) {
            for (int i = 0; i < dim; i++) {
                row[i] = gauss.sample() / dim;
            }
        }
        double[] x = new double[dim];
        double spread = Math.sqrt(dim);
        for (int i = 0; i < dim; i++) {
            x[i] = spread * gauss.sample();
        }
        LinearMulticlassModel m = new LinearMulticlassModel(w, new double[classes]);
        return new Draw(m, x, m.predict(x, new double[dim]));
    }
}
