package tradeoffs.deep.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.BetaAttack;
import tradeoffs.deep.attack.InputGradient;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.attack.Trajectory;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Clean and robust accuracy of a classifier over a grid of radii for one norm.
 *
 * <p>An image counts as robust at ε when it is classified correctly and every attack (every
 * restart, every iterate) fails at every radius ε′ ≤ ε of the grid: a misclassified point found
 * in the ε′-ball also lies in the ε-ball, so robust accuracy never rises with ε by construction.
 * It is an upper bound on the true robust accuracy (attacks can miss), never a certificate.
 */
public final class RobustAccuracy {
    /** Column names of {@link #table}. */
    public static final List<String> COLUMNS = List.of(
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.ATTACKS,
            ColumnNames.N,
            ColumnNames.CLEAN_ACCURACY,
            ColumnNames.ROBUST_ACCURACY);

    /**
     * One point of the curve.
     *
     * @param norm the ball's norm
     * @param eps its radius
     * @param attacks the attacks run at this radius
     * @param n images evaluated
     * @param cleanAccuracy share classified correctly without perturbation
     * @param robustAccuracy share robust at eps (see the class comment)
     */
    public record Point(
            PerturbationNorm norm, double eps, String attacks, int n, double cleanAccuracy, double robustAccuracy) {}

    private RobustAccuracy() {}

    /**
     * Evaluates {@code model} on {@code images} at each radius of {@code epsGrid} (sorted ascending),
     * running the attacks {@code attacksAt.apply(ε)} in batches of {@code batchSize} images. Attack
     * randomness of (radius k, attack a, batch b) comes from stream (seed, k·1024 + a, b), so results
     * do not depend on the order of evaluation.
     */
    public static List<Point> evaluate(
            Classifier model,
            ImageSet images,
            PerturbationNorm norm,
            double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt,
            int batchSize,
            long seed) {
        return evaluate(model, images, norm, epsGrid, attacksAt, batchSize, seed, ProgressListener.NONE);
    }

    /**
     * As {@link #evaluate(Classifier, ImageSet, PerturbationNorm, double[], DoubleFunction, int, long)};
     * {@code batches} also hears, at the start and after every attacked batch, how many images of
     * all attacks at every radius ε &gt; 0 are done: ("robust accuracy &lt;norm&gt;", done, total);
     * images skipped because they are already decided count as done.
     */
    public static List<Point> evaluate(
            Classifier model,
            ImageSet images,
            PerturbationNorm norm,
            double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt,
            int batchSize,
            long seed,
            ProgressListener batches) {
        model.checkShape(images);
        return evaluate(model, images, model.predict(images), norm, epsGrid, attacksAt, batchSize, seed, batches);
    }

    /**
     * {@link #evaluate(Classifier, ImageSet, PerturbationNorm, double[], DoubleFunction, int, long)}
     * given the model's clean predictions on {@code images}, so a caller that has them (for clean
     * accuracy, other norms) does not run the clean pass again.
     *
     * <p>Work: the images stay on the model's device; an image already known not to be robust (wrong
     * clean prediction, or fooled at a smaller radius or by an earlier attack at this one) is not
     * attacked again, and within an attack an image leaves the batch at the first iterate that fools
     * it ({@link Trajectory#anyFooled}). The random starts are still drawn for every image of the
     * batch, in the same order, so every remaining image sees the start it would have seen and the
     * result equals running every attack on every image to the end.
     */
    public static List<Point> evaluate(
            Classifier model,
            ImageSet images,
            int[] cleanPredictions,
            PerturbationNorm norm,
            double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt,
            int batchSize,
            long seed) {
        return evaluate(
                model, images, cleanPredictions, norm, epsGrid, attacksAt, batchSize, seed, ProgressListener.NONE);
    }

    /**
     * {@link #evaluate(Classifier, ImageSet, int[], PerturbationNorm, double[], DoubleFunction, int, long)}
     * with {@code batches} hearing the attacked batches as in
     * {@link #evaluate(Classifier, ImageSet, PerturbationNorm, double[], DoubleFunction, int, long, ProgressListener)}.
     */
    public static List<Point> evaluate(
            Classifier model,
            ImageSet images,
            int[] cleanPredictions,
            PerturbationNorm norm,
            double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt,
            int batchSize,
            long seed,
            ProgressListener batches) {
        return curve(model, images, cleanPredictions, norm, epsGrid, attacksAt, batchSize, seed, batches)
                .points();
    }

    /**
     * The points of a curve and, per radius of the grid and per image, whether the image is robust
     * there (classified correctly, no attack found a misclassified point at this radius or a
     * smaller one): what a union over norms needs ({@link #union}).
     *
     * @param points one per radius
     * @param robust robust[k][i] for radius k and image i
     */
    public record Curve(List<Point> points, boolean[][] robust) {}

    /**
     * {@link #evaluate(Classifier, ImageSet, int[], PerturbationNorm, double[], DoubleFunction, int, long, ProgressListener)}
     * with each image's robustness at each radius.
     */
    public static Curve curve(
            Classifier model,
            ImageSet images,
            int[] cleanPredictions,
            PerturbationNorm norm,
            double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt,
            int batchSize,
            long seed,
            ProgressListener batches) {
        model.checkShape(images);
        ParameterException.requireAtLeast("batch_size", batchSize, 1);
        for (int k = 0; k < epsGrid.length; k++) {
            ParameterException.requireNonNegative("eps", epsGrid[k]);
            if (k > 0 && !(epsGrid[k] >= epsGrid[k - 1])) {
                throw new ParameterException(
                        "eps", "must be an ascending grid", epsGrid[k - 1] + " then " + epsGrid[k]);
            }
        }
        int n = images.size();
        if (cleanPredictions.length != n) {
            throw new IllegalArgumentException(
                    "cleanPredictions has " + cleanPredictions.length + " entries for " + n + " images");
        }
        boolean[] broken = new boolean[n];
        int cleanCorrect = 0;
        for (int i = 0; i < n; i++) {
            broken[i] = cleanPredictions[i] != images.labels()[i];
            cleanCorrect += broken[i] ? 0 : 1;
        }
        int d = model.imageSize();
        int numClasses = model.numClasses();
        List<Point> points = new ArrayList<>();
        boolean[][] robustAt = new boolean[epsGrid.length][];
        String task = "robust accuracy " + norm.id();
        long total = 0;
        for (double eps : epsGrid) {
            total += eps > 0 ? (long) attacksAt.apply(eps).size() * n : 0;
        }
        long attacked = 0;
        batches.progress(task, 0, total);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray all = m.create(images.pixels(), model.inputShape(n));
            NDArray allLabels = InputGradient.labels(m, images.labels());
            for (int k = 0; k < epsGrid.length; k++) {
                double eps = epsGrid[k];
                List<Attack> attacks = attacksAt.apply(eps);
                StringBuilder names = new StringBuilder();
                for (int a = 0; a < attacks.size(); a++) {
                    Attack attack = attacks.get(a);
                    if (attack.norm() != norm) {
                        throw new IllegalArgumentException(
                                "attack " + attack.describe() + " is not an " + norm + " attack");
                    }
                    names.append(a == 0 ? "" : "+").append(attack.describe());
                }
                if (eps > 0) {
                    int b = 0;
                    for (int from = 0; from < n; from += batchSize, b++) {
                        int to = Math.min(n, from + batchSize);
                        for (int a = 0; a < attacks.size(); a++) {
                            UniformRandomProvider rng =
                                    RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(seed, k * 1024L + a, b));
                            attackBatch(
                                    model,
                                    attacks.get(a).trajectories(numClasses),
                                    all,
                                    allLabels,
                                    from,
                                    to,
                                    broken,
                                    rng,
                                    d);
                            attacked += to - from;
                            batches.progress(task, attacked, total);
                        }
                    }
                }
                int robust = 0;
                robustAt[k] = new boolean[n];
                for (int i = 0; i < n; i++) {
                    robustAt[k][i] = !broken[i];
                    robust += broken[i] ? 0 : 1;
                }
                points.add(new Point(norm, eps, names.toString(), n, (double) cleanCorrect / n, (double) robust / n));
            }
        }
        return new Curve(points, robustAt);
    }

    /**
     * Union robust accuracy (Tramèr &amp; Boneh 2019): the share of images robust under every
     * norm's attacks at its radius, i.e. (1/n) Σ_i Π_norm robust_norm[i], from each norm's per-image
     * robustness ({@link Curve#robust} at the chosen radius).
     */
    public static double union(List<boolean[]> robustPerNorm) {
        if (robustPerNorm.isEmpty()) {
            throw new IllegalArgumentException("union robust accuracy needs at least one norm");
        }
        int n = robustPerNorm.get(0).length;
        int all = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = true;
            for (boolean[] r : robustPerNorm) {
                if (r.length != n) {
                    throw new IllegalArgumentException(
                            "every norm needs one flag per image (" + r.length + " vs " + n + ")");
                }
                ok &= r[i];
            }
            all += ok ? 1 : 0;
        }
        return n == 0 ? Double.NaN : (double) all / n;
    }

    /**
     * Runs one attack's trajectories on the images [from, to) not yet broken; draws every
     * trajectory's random starts for the whole batch first, in order, so the stream is consumed as if
     * every image were attacked.
     */
    private static void attackBatch(
            Classifier model,
            List<Trajectory> trajectories,
            NDArray all,
            NDArray labels,
            int from,
            int to,
            boolean[] broken,
            UniformRandomProvider rng,
            int d) {
        int size = to - from;
        List<double[]> starts = new ArrayList<>();
        for (Trajectory t : trajectories) {
            starts.add(t.pgd().randomStart() ? t.pgd().drawStarts(size, d, rng) : null);
        }
        boolean[] keep = new boolean[size];
        int active = 0;
        for (int i = 0; i < size; i++) {
            keep[i] = !broken[from + i];
            active += keep[i] ? 1 : 0;
        }
        if (active == 0) {
            return;
        }
        int[] index = new int[active];
        for (int i = 0, j = 0; i < size; i++) {
            if (keep[i]) {
                index[j++] = i;
            }
        }
        List<double[]> kept = new ArrayList<>();
        for (double[] s : starts) {
            if (s == null) {
                kept.add(null);
                continue;
            }
            double[] ks = new double[active * d];
            for (int j = 0; j < active; j++) {
                System.arraycopy(s, index[j] * d, ks, j * d, d);
            }
            kept.add(ks);
        }
        try (NDManager m = all.getManager().newSubManager()) {
            NDArray mask = m.create(keep);
            NDIndex rows = new NDIndex(from + ":" + to);
            NDIndex chosen = new NDIndex("{}", mask);
            NDArray x = all.get(rows).get(chosen);
            NDArray y = labels.get(rows).get(chosen);
            x.attach(m);
            y.attach(m);
            boolean[] fooled = new boolean[active];
            Trajectory.anyFooled(model, x, y, trajectories, kept, fooled);
            for (int j = 0; j < active; j++) {
                broken[from + index[j]] |= fooled[j];
            }
        }
    }

    /**
     * The evaluation attacks at radius ε: PGD with a random start, step 2.5ε/steps and
     * {@code restarts} restarts on {@code loss}; with {@code loss} null, PGD on cross-entropy and the
     * BETA attack (one restart), which must both fail.
     */
    public static List<Attack> attacks(PerturbationNorm norm, double eps, int steps, int restarts, AttackLoss loss) {
        Pgd pgd = Pgd.of(norm, eps, steps).withRestarts(restarts);
        if (loss != null) {
            return List.of(pgd.withLoss(loss));
        }
        return List.of(pgd, new BetaAttack(pgd.withRestarts(1)));
    }

    /** The points as a table with {@link #COLUMNS}. */
    public static ResultTable table(List<Point> points) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        for (Point p : points) {
            b.row(p.norm().id(), p.eps(), p.attacks(), p.n(), p.cleanAccuracy(), p.robustAccuracy());
        }
        return b.build();
    }
}
