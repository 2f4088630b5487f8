package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.model.Classifier;

/**
 * One PGD trajectory per example, as an attack runs it: the ascent rule ({@code pgd}: norm, ε,
 * steps, step size, random start, SLIDE percentile; its restarts and loss are ignored) and what the
 * trajectory maximises. An attack is a list of trajectories whose results it combines (restarts:
 * the most damaging; BETA: the largest margin); robust evaluation only needs to know whether any
 * trajectory fooled the model, so it can stack the trajectories of several attacks into one batch
 * ({@link PgdEngine}).
 *
 * @param pgd the ascent rule
 * @param loss the untargeted objective (cross-entropy or margin), or null for a targeted margin
 * @param targetShift for a targeted margin f_t − f_y: the target t = (y + shift) mod K, shift in
 *     [1, K); 0 otherwise
 */
public record Trajectory(Pgd pgd, AttackLoss loss, int targetShift) {
    public Trajectory {
        if (pgd == null) {
            throw new IllegalArgumentException("pgd is required");
        }
        if ((loss == null) == (targetShift == 0)) {
            throw new IllegalArgumentException(
                    "a trajectory has either a loss or a target shift (got " + loss + ", " + targetShift + ")");
        }
    }

    /** An untargeted trajectory maximising {@code loss}. */
    public static Trajectory untargeted(Pgd pgd, AttackLoss loss) {
        return new Trajectory(pgd, loss, 0);
    }

    /** A targeted-margin trajectory towards class (y + shift) mod K. */
    public static Trajectory targeted(Pgd pgd, int shift) {
        if (shift < 1) {
            throw new IllegalArgumentException("shift must be >= 1 (got " + shift + ")");
        }
        return new Trajectory(pgd, null, shift);
    }

    /** The ascent rule alone (restarts 1, cross-entropy): trajectories with equal rules can share a batch. */
    public Pgd rule() {
        return pgd.withRestarts(1).withLoss(AttackLoss.CROSS_ENTROPY);
    }

    /**
     * Whether some iterate of some trajectory misclassifies each example: the question robust
     * accuracy asks. Trajectories with the same ascent rule run stacked in one batch, groups one
     * after the other; an example leaves the batch as soon as it is fooled (later iterates and later
     * groups cannot change the answer), and examples already marked are never attacked. The answer
     * is the same as running every trajectory to the end.
     *
     * @param images the n examples (n, C, H, W), float32, on the model's device
     * @param labels their labels (n), int64
     * @param starts per trajectory, its random starts (n rows of C·H·W, before projection), or null
     * @param fooled per example, set to true when fooled (examples already true are skipped)
     */
    public static void anyFooled(
            Classifier model,
            NDArray images,
            NDArray labels,
            List<Trajectory> trajectories,
            List<double[]> starts,
            boolean[] fooled) {
        Pgd.checkShape(model, images, labels);
        int n = (int) images.getShape().get(0);
        int d = model.imageSize();
        Map<Pgd, List<Integer>> groups = new LinkedHashMap<>();
        for (int t = 0; t < trajectories.size(); t++) {
            groups.computeIfAbsent(trajectories.get(t).rule(), r -> new ArrayList<>())
                    .add(t);
        }
        model.parameterGradients(false);
        try {
            for (Map.Entry<Pgd, List<Integer>> g : groups.entrySet()) {
                List<Trajectory> members = new ArrayList<>();
                double[] all =
                        g.getKey().randomStart() ? new double[g.getValue().size() * n * d] : null;
                int[] example = new int[g.getValue().size() * n];
                for (int j = 0; j < g.getValue().size(); j++) {
                    int t = g.getValue().get(j);
                    members.add(trajectories.get(t));
                    if (all != null) {
                        System.arraycopy(starts.get(t), 0, all, j * n * d, n * d);
                    }
                    for (int i = 0; i < n; i++) {
                        example[j * n + i] = i;
                    }
                }
                try (PgdEngine engine = new PgdEngine(model, g.getKey(), images, labels, members, all)) {
                    engine.anyFooled(example, fooled);
                }
            }
        } finally {
            model.parameterGradients(true);
        }
    }
}
