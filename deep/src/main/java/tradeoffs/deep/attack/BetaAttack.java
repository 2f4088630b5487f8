package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import org.apache.commons.rng.UniformRandomProvider;
import tradeoffs.deep.model.Classifier;

/**
 * The BETA attack (Robey et al. 2024; THEORY.md §4): for every wrong class j, PGD maximises the
 * margin M_j = f_j(x + δ) − f_y(x + δ); per example the class with the largest final margin is
 * kept. Cost: K − 1 runs of the underlying PGD. Pass {@code j} as the label shifted by
 * k = 1..K−1 (mod K), so every wrong class is tried exactly once per example.
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
    public AttackResult attack(Classifier model, float[] images, int[] labels, UniformRandomProvider rng) {
        int n = labels.length;
        int k = model.numClasses();
        int d = model.imageSize();
        float[] best = images.clone();
        boolean[] fooled = new boolean[n];
        double[] bestMargin = new double[n];
        java.util.Arrays.fill(bestMargin, Double.NEGATIVE_INFINITY);
        for (int shift = 1; shift < k; shift++) {
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = (labels[i] + shift) % k;
            }
            AttackResult r = pgd.run(model, images, labels, rng, (logits, oneHot, m) -> {
                NDArray t = InputGradient.oneHot(m, targets, k);
                return logits.mul(t.sub(oneHot)).sum(new int[] {1});
            });
            for (int i = 0; i < n; i++) {
                fooled[i] |= r.fooled()[i];
                if (r.objective()[i] > bestMargin[i]) {
                    bestMargin[i] = r.objective()[i];
                    System.arraycopy(r.adversarial(), i * d, best, i * d, d);
                }
            }
        }
        return new AttackResult(best, fooled, bestMargin);
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
