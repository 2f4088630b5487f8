package tradeoffs.simulation.classification;

import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Where the points an attack comparison is run on come from: a linear multi-class model and a labelled
 * point per draw, and, when known, the closed forms of the two success rates.
 */
public interface MulticlassScenario {
    /** One draw: the model and a labelled point. */
    record Draw(LinearMulticlassModel model, double[] x, int y) {}

    /** How the tables call it, e.g. {@code counterexample}. */
    String label();

    /** Number of classes K. */
    int classes();

    /** Input dimension n. */
    int dim();

    /** Its parameters as table columns (name → value), for the table's leading columns. */
    Map<String, Object> parameters();

    /** One draw from {@code rng}. */
    Draw draw(UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss);

    /** P(a misclassifying δ with ‖δ‖_∞ ≤ ε exists), NaN when there is no closed form. */
    default double exactErrorRate(double eps) {
        return Double.NaN;
    }

    /** P(cross-entropy PGD from δ = 0 misclassifies), NaN when there is no closed form. */
    default double crossEntropyRate(double eps) {
        return Double.NaN;
    }
}
