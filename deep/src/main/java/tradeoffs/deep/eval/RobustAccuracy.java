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
     * <p>Work: the images stay on the model's device; per batch, each attack runs at every radius of
     * the grid at once, as one stack with a radius and step size per row (the attacks' trajectories
     * at all radii; {@link Trajectory#anyFooled(Classifier, NDArray, NDArray, List, int[], List,
     * boolean[][])}), attacks one after the other (the cheaper, usually decisive PGD first). An image
     * already known not to be robust at a radius (wrong clean prediction, fooled there or at a
     * smaller radius, or by an earlier attack) is not attacked there again, and an image leaves the
     * stack at a radius at the first iterate that fools it there or at a smaller radius. The random
     * starts are still drawn for every image of the batch, in the same order, from the stream of
     * (radius, attack, batch), so every remaining row sees the start it would have seen and the
     * result equals running every attack at every radius on every image to the end.
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
        boolean[][] broken = new boolean[epsGrid.length][n];
        int cleanCorrect = 0;
        for (int i = 0; i < n; i++) {
            boolean wrong = cleanPredictions[i] != images.labels()[i];
            for (boolean[] b : broken) {
                b[i] = wrong;
            }
            cleanCorrect += wrong ? 0 : 1;
        }
        int d = model.imageSize();
        int numClasses = model.numClasses();
        List<List<Attack>> attacks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int stages = 0;
        String task = "robust accuracy " + norm.id();
        long total = 0;
        for (double eps : epsGrid) {
            List<Attack> at = attacksAt.apply(eps);
            StringBuilder b = new StringBuilder();
            for (int a = 0; a < at.size(); a++) {
                Attack attack = at.get(a);
                if (attack.norm() != norm) {
                    throw new IllegalArgumentException(
                            "attack " + attack.describe() + " is not an " + norm + " attack");
                }
                b.append(a == 0 ? "" : "+").append(attack.describe());
            }
            attacks.add(eps > 0 ? at : List.of());
            names.add(b.toString());
            stages = Math.max(stages, eps > 0 ? at.size() : 0);
            total += eps > 0 ? (long) at.size() * n : 0;
        }
        long attacked = 0;
        batches.progress(task, 0, total);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray all = m.create(images.pixels(), model.inputShape(n));
            NDArray allLabels = InputGradient.labels(m, images.labels());
            int b = 0;
            for (int from = 0; from < n; from += batchSize, b++) {
                int to = Math.min(n, from + batchSize);
                try (NDManager bm = m.newSubManager()) {
                    NDIndex rows = new NDIndex(from + ":" + to);
                    NDArray x = all.get(rows);
                    NDArray y = allLabels.get(rows);
                    x.attach(bm);
                    y.attach(bm);
                    for (int a = 0; a < stages; a++) {
                        for (int[] radii : stackedRadii(attacks, a, numClasses, (long) (to - from) * d)) {
                            attackStage(model, attacks, radii, a, x, y, from, to, broken, seed, b, d);
                            attacked += (long) radii.length * (to - from);
                            batches.progress(task, attacked, total);
                        }
                    }
                }
            }
        }
        List<Point> points = new ArrayList<>();
        boolean[][] robustAt = new boolean[epsGrid.length][];
        for (int k = 0; k < epsGrid.length; k++) {
            for (int i = 0; k > 0 && i < n; i++) {
                broken[k][i] |= broken[k - 1][i];
            }
            int robust = 0;
            robustAt[k] = new boolean[n];
            for (int i = 0; i < n; i++) {
                robustAt[k][i] = !broken[k][i];
                robust += broken[k][i] ? 0 : 1;
            }
            points.add(new Point(norm, epsGrid[k], names.get(k), n, (double) cleanCorrect / n, (double) robust / n));
        }
        return new Curve(points, robustAt);
    }

    /**
     * Doubles per state array of one stack (about 64 MB): a stage's radii are split, smallest first,
     * so that no stack holds more rows · pixels than this.
     */
    static final long MAX_STACK_VALUES = 1L << 23;

    /**
     * The radii (indices into {@code attacks}) at which attack {@code a} runs, in groups of
     * consecutive radii whose trajectories fit one stack of at most {@link #MAX_STACK_VALUES}
     * values ({@code valuesPerTrajectory} = images · pixels); each group has at least one radius.
     */
    static List<int[]> stackedRadii(List<List<Attack>> attacks, int a, int numClasses, long valuesPerTrajectory) {
        List<int[]> out = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        long values = 0;
        for (int k = 0; k < attacks.size(); k++) {
            if (a >= attacks.get(k).size()) {
                continue;
            }
            long v = attacks.get(k).get(a).trajectories(numClasses).size() * valuesPerTrajectory;
            if (!group.isEmpty() && values + v > MAX_STACK_VALUES) {
                out.add(group.stream().mapToInt(Integer::intValue).toArray());
                group.clear();
                values = 0;
            }
            group.add(k);
            values += v;
        }
        if (!group.isEmpty()) {
            out.add(group.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * Runs attack {@code a} of each radius index in {@code radii} on the images [from, to) as one
     * stack ({@link Trajectory#anyFooled(Classifier, NDArray, NDArray, List, int[], List, boolean[][])}):
     * an image already broken at a radius is not attacked there, and an image fooled at radius k is
     * broken at every larger one. The random starts of (radius k, attack a, batch b) come from stream
     * (seed, k·1024 + a, b), drawn for the whole batch, trajectory by trajectory, as if every image
     * were attacked.
     */
    private static void attackStage(
            Classifier model,
            List<List<Attack>> attacks,
            int[] radii,
            int a,
            NDArray x,
            NDArray y,
            int from,
            int to,
            boolean[][] broken,
            long seed,
            int b,
            int d) {
        int size = to - from;
        int first = radii[0];
        int levels = broken.length - first;
        List<Trajectory> trajectories = new ArrayList<>();
        List<double[]> starts = new ArrayList<>();
        List<Integer> level = new ArrayList<>();
        for (int k : radii) {
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(seed, k * 1024L + a, b));
            for (Trajectory t : attacks.get(k).get(a).trajectories(model.numClasses())) {
                trajectories.add(t);
                starts.add(t.pgd().randomStart() ? t.pgd().drawStarts(size, d, rng) : null);
                level.add(k - first);
            }
        }
        boolean[][] fooled = new boolean[levels][size];
        for (int l = 0; l < levels; l++) {
            System.arraycopy(broken[first + l], from, fooled[l], 0, size);
        }
        Trajectory.anyFooled(
                model,
                x,
                y,
                trajectories,
                level.stream().mapToInt(Integer::intValue).toArray(),
                starts,
                fooled);
        for (int l = 0; l < levels; l++) {
            System.arraycopy(fooled[l], 0, broken[first + l], from, size);
        }
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
