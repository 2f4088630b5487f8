package tradeoffs.deep.attack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
        boolean[][] one = {fooled};
        anyFooled(model, images, labels, trajectories, new int[trajectories.size()], starts, one);
    }

    /**
     * {@link #anyFooled(Classifier, NDArray, NDArray, List, List, boolean[])} for trajectories at
     * several radii of one ascending grid at once (robust accuracy over an ε grid,
     * docs/math.md §11.5): trajectory t belongs to radius index {@code level[t]}, and example i counts
     * as fooled at radius index l when some trajectory of level l' ≤ l fooled it (the ε_l'-ball lies
     * in the ε_l-ball). ℓ∞ and ℓ2 trajectories that differ only in ε and step size share one stack
     * with a radius and step size per row ({@link PgdEngine}); an example fooled at level l leaves
     * the stack at every level ≥ l. Each row's iterates are those it would have alone, so the answer
     * is the same as asking level by level, smallest first.
     *
     * @param level per trajectory, its radius index in [0, fooled.length); a larger index must
     *     mean a radius at least as large
     * @param fooled fooled[l][i] per radius index and example, updated in place
     */
    public static void anyFooled(
            Classifier model,
            NDArray images,
            NDArray labels,
            List<Trajectory> trajectories,
            int[] level,
            List<double[]> starts,
            boolean[][] fooled) {
        Pgd.checkShape(model, images, labels);
        int n = (int) images.getShape().get(0);
        int d = model.imageSize();
        int levels = fooled.length;
        boolean[] flat = new boolean[levels * n];
        int[] implied = new int[levels * n];
        for (int l = 0; l < levels; l++) {
            System.arraycopy(fooled[l], 0, flat, l * n, n);
            for (int i = 0; i < n; i++) {
                implied[l * n + i] = l + 1 < levels ? (l + 1) * n + i : -1;
                flat[l * n + i] |= l > 0 && flat[(l - 1) * n + i];
            }
        }
        // Only the examples some trajectory still has to attack.
        boolean[] keep = new boolean[n];
        int active = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < trajectories.size() && !keep[i]; t++) {
                keep[i] = !flat[level[t] * n + i];
            }
            active += keep[i] ? 1 : 0;
        }
        int[] index = new int[active];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep[i]) {
                index[j++] = i;
            }
        }
        Map<Pgd, List<Integer>> groups = new LinkedHashMap<>();
        for (int t = 0; t < trajectories.size(); t++) {
            groups.computeIfAbsent(trajectories.get(t).stackKey(), r -> new ArrayList<>())
                    .add(t);
        }
        if (active > 0) {
            try (NDManager m = model.manager().newSubManager()) {
                NDArray x = images;
                NDArray y = labels;
                if (active < n) {
                    NDIndex chosen = new NDIndex("{}", m.create(keep));
                    x = images.get(chosen);
                    y = labels.get(chosen);
                    x.attach(m);
                    y.attach(m);
                }
                model.parameterGradients(false);
                try {
                    for (List<Integer> members : groups.values()) {
                        Pgd rule = trajectories.get(members.get(0)).rule();
                        List<Trajectory> stack = new ArrayList<>();
                        double[] all = rule.randomStart() ? new double[members.size() * active * d] : null;
                        int[] group = new int[members.size() * active];
                        for (int j = 0; j < members.size(); j++) {
                            int t = members.get(j);
                            stack.add(trajectories.get(t));
                            for (int a = 0; a < active; a++) {
                                if (all != null) {
                                    System.arraycopy(starts.get(t), index[a] * d, all, (j * active + a) * d, d);
                                }
                                group[j * active + a] = level[t] * n + index[a];
                            }
                        }
                        try (PgdEngine engine = new PgdEngine(model, rule, x, y, stack, all)) {
                            engine.anyFooled(group, flat, implied);
                        }
                    }
                } finally {
                    model.parameterGradients(true);
                }
            }
        }
        for (int l = 0; l < levels; l++) {
            System.arraycopy(flat, l * n, fooled[l], 0, n);
        }
    }

    /**
     * What trajectories must share to run in one stack: the ascent rule ({@link #rule}) with, for
     * ℓ∞ and ℓ2, the radius and step size left out (the stack holds them per row).
     */
    Pgd stackKey() {
        Pgd r = rule();
        return r.norm() == PerturbationNorm.L1 ? r : r.withEps(0).withStepSize(1);
    }
}
