package tradeoffs.deep.bridge;

import java.util.Arrays;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.theory.regression.AdversarialSolution;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.SpuriousReliance;

/**
 * One point of the bridge: the same model, attack norm and ε seen by the theory's closed form
 * (population weights, docs/math.md §4) and by DJL PGD-trained linear regressors on {@code reps}
 * independent samples of size n.
 *
 * <p>w_core and w_spurious are the weights themselves for one core and one spurious feature, the
 * blocks' ℓ2 norms otherwise ({@link SpuriousReliance#blockSummary}); reliance is docs/math.md §5.1.
 *
 * @param model       the core/spurious model (docs/math.md §3.2)
 * @param norm        the attack norm p
 * @param eps         the radius ε
 * @param n           the training-sample size of every repetition
 * @param theory      the population solution at (p, ε)
 * @param deepWeights the DJL-trained weights, one row per repetition
 * @param objectives  the empirical adversarial risk F(w) of each repetition's weights on its own
 *                    sample ({@link EmpiricalObjective})
 * @param seconds     wall-clock time of all repetitions
 */
public record BridgePoint(
        CoreSpuriousModel model,
        PerturbationNorm norm,
        double eps,
        int n,
        AdversarialSolution theory,
        double[][] deepWeights,
        double[] objectives,
        double seconds) {
    public BridgePoint {
        deepWeights = Arrays.stream(deepWeights).map(double[]::clone).toArray(double[][]::new);
        objectives = objectives.clone();
        if (deepWeights.length < 1 || objectives.length != deepWeights.length) {
            throw new IllegalArgumentException("need one weight vector and one objective per repetition (got "
                    + deepWeights.length + " and " + objectives.length + ")");
        }
    }

    /** The number of repetitions. */
    public int reps() {
        return deepWeights.length;
    }

    /** Repetition r's weights (a copy). */
    public double[] deepWeights(int r) {
        return deepWeights[r].clone();
    }

    @Override
    public double[][] deepWeights() {
        return Arrays.stream(deepWeights).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] objectives() {
        return objectives.clone();
    }

    /** The theory's w_core. */
    public double theoryCore() {
        return core(theory.w());
    }

    /** The theory's w_spurious. */
    public double theorySpurious() {
        return spurious(theory.w());
    }

    /** The theory's spurious reliance (docs/math.md §5.1). */
    public double theoryReliance() {
        return reliance(theory.w());
    }

    /** w_core of the DJL-trained models: mean ± standard error over repetitions. */
    public RepeatedEstimate deepCore() {
        return RepeatedEstimate.of(
                Arrays.stream(deepWeights).mapToDouble(this::core).toArray());
    }

    /** w_spurious of the DJL-trained models: mean ± standard error over repetitions. */
    public RepeatedEstimate deepSpurious() {
        return RepeatedEstimate.of(
                Arrays.stream(deepWeights).mapToDouble(this::spurious).toArray());
    }

    /** Spurious reliance of the DJL-trained models: mean ± standard error over repetitions. */
    public RepeatedEstimate deepReliance() {
        return RepeatedEstimate.of(
                Arrays.stream(deepWeights).mapToDouble(this::reliance).toArray());
    }

    private double core(double[] w) {
        return SpuriousReliance.blockSummary(w, 0, model.dimCore());
    }

    private double spurious(double[] w) {
        return SpuriousReliance.blockSummary(w, model.dimCore(), model.dim());
    }

    private double reliance(double[] w) {
        return SpuriousReliance.of(model.toGaussian(), w, model.dimCore());
    }
}
