package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/**
 * The BETA attack (Robey et al. 2024): for every wrong class j, PGD maximises the margin
 * M_j = f_j(x + δ) − f_y(x + δ); per example the class with the largest final margin is kept (the
 * first on ties). Target j = (y + shift) mod K for shift = 1..K−1, so every wrong class is tried
 * exactly once per example. The K − 1 runs (each with the inner attack's restarts, the best restart
 * kept as in {@link Pgd}) share one stacked batch on the device.
 *
 * @param pgd the inner attack (its loss is ignored: the objective is the targeted margin)
 */
public record BetaAttack(Pgd pgd) implements Attack {

    public BetaAttack {
        if (pgd == null) {
            throw new IllegalArgumentException("pgd is required");
        }
    }

    @Override
    public AdversarialBatch attack(Classifier model, NDArray images, NDArray labels, UniformRandomProvider rng) {
        Pgd.checkShape(model, images, labels);
        int n = (int) images.getShape().get(0);
        List<Trajectory> trajectories = trajectories(model.numClasses());
        double[] starts = null;
        if (pgd.randomStart()) {
            int d = model.imageSize();
            starts = new double[trajectories.size() * n * d];
            for (int t = 0; t < trajectories.size(); t++) {
                System.arraycopy(pgd.drawStarts(n, d, rng), 0, starts, t * n * d, n * d);
            }
        }
        model.parameterGradients(false);
        try (PgdEngine engine = new PgdEngine(model, pgd, images, labels, trajectories, starts)) {
            PgdEngine.Outcome rows = engine.run(images.getManager());
            List<AdversarialBatch> perClass = new ArrayList<>();
            for (int shift = 1; shift < model.numClasses(); shift++) {
                perClass.add(AdversarialBatch.bestRestart(rows, n, (shift - 1) * pgd.restarts(), pgd.restarts()));
            }
            return AdversarialBatch.largestObjective(perClass);
        } finally {
            model.parameterGradients(true);
        }
    }

    /** For each shift 1..K−1, the inner attack's restarts towards class (y + shift) mod K. */
    @Override
    public List<Trajectory> trajectories(int numClasses) {
        List<Trajectory> out = new ArrayList<>();
        for (int shift = 1; shift < numClasses; shift++) {
            for (int r = 0; r < pgd.restarts(); r++) {
                out.add(Trajectory.targeted(pgd, shift));
            }
        }
        return out;
    }

    @Override
    public double eps() {
        return pgd.eps();
    }

    @Override
    public PerturbationNorm norm() {
        return pgd.norm();
    }

    @Override
    public String describe() {
        return "beta-" + pgd.norm().id() + "(eps=" + pgd.eps() + ",steps=" + pgd.steps() + ",step=" + pgd.stepSize()
                + ",restarts=" + pgd.restarts() + (pgd.randomStart() ? ",random-start" : "") + ",margin-per-class)";
    }
}
