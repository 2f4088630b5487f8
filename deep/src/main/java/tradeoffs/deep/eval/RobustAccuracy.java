package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.apache.commons.rng.simple.RandomSource;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.AttackLoss;
import tradeoffs.deep.attack.AttackResult;
import tradeoffs.deep.attack.BetaAttack;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.model.Classifier;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;

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
    public static final List<String> COLUMNS = List.of(ColumnNames.NORM, ColumnNames.EPS, ColumnNames.ATTACKS,
            ColumnNames.N, ColumnNames.CLEAN_ACCURACY, ColumnNames.ROBUST_ACCURACY);

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
    public record Point(PerturbationNorm norm, double eps, String attacks, int n, double cleanAccuracy,
            double robustAccuracy) {
    }

    private RobustAccuracy() {
    }

    /**
     * Evaluates {@code model} on {@code images} at each radius of {@code epsGrid} (sorted ascending),
     * running the attacks {@code attacksAt.apply(ε)} in batches. Attack randomness of (radius k,
     * attack a, batch b) comes from stream (seed, k·1024 + a, b), so results do not depend on the
     * order of evaluation.
     */
    public static List<Point> evaluate(Classifier model, ImageSet images, PerturbationNorm norm, double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt, int batchSize, long seed) {
        return evaluate(model, images, norm, epsGrid, attacksAt, batchSize, seed, ProgressListener.NONE);
    }

    /**
     * As {@link #evaluate(Classifier, ImageSet, PerturbationNorm, double[], DoubleFunction, int, long)};
     * {@code batches} also hears, at the start and after every attacked batch, how many images of
     * all attacks at every radius ε &gt; 0 are done: ("robust accuracy &lt;norm&gt;", done, total).
     */
    public static List<Point> evaluate(Classifier model, ImageSet images, PerturbationNorm norm, double[] epsGrid,
            DoubleFunction<List<Attack>> attacksAt, int batchSize, long seed, ProgressListener batches) {
        model.checkShape(images);
        for (int k = 1; k < epsGrid.length; k++) {
            if (!(epsGrid[k] >= epsGrid[k - 1])) {
                throw new IllegalArgumentException("--eps grid must be ascending (got " + epsGrid[k - 1] + " then "
                        + epsGrid[k] + ")");
            }
        }
        int n = images.size();
        int[] clean = model.predict(images);
        boolean[] broken = new boolean[n];
        int cleanCorrect = 0;
        for (int i = 0; i < n; i++) {
            broken[i] = clean[i] != images.labels()[i];
            cleanCorrect += broken[i] ? 0 : 1;
        }
        List<Point> points = new ArrayList<>();
        String task = "robust accuracy " + norm.id();
        long total = 0;
        for (double eps : epsGrid) {
            total += eps > 0 ? (long) attacksAt.apply(eps).size() * n : 0;
        }
        long attacked = 0;
        batches.progress(task, 0, total);
        for (int k = 0; k < epsGrid.length; k++) {
            double eps = epsGrid[k];
            if (eps < 0) {
                throw new IllegalArgumentException("--eps must be >= 0 (got " + eps + ")");
            }
            List<Attack> attacks = attacksAt.apply(eps);
            StringBuilder names = new StringBuilder();
            for (int a = 0; a < attacks.size(); a++) {
                Attack attack = attacks.get(a);
                if (attack.norm() != norm) {
                    throw new IllegalArgumentException("attack " + attack.describe() + " is not an " + norm + " attack");
                }
                names.append(a == 0 ? "" : "+").append(attack.describe());
                if (eps == 0) {
                    continue; // the ball is {x}: the clean prediction decides
                }
                int b = 0;
                for (int from = 0; from < n; from += batchSize, b++) {
                    int to = Math.min(n, from + batchSize);
                    ImageSet batch = images.slice(from, to);
                    AttackResult r = attack.attack(model, batch.pixels(), batch.labels(),
                            RandomSource.XO_RO_SHI_RO_128_PP.create(Seeds.of(seed, k * 1024L + a, b)));
                    for (int i = 0; i < r.size(); i++) {
                        broken[from + i] |= r.fooled()[i];
                    }
                    attacked += to - from;
                    batches.progress(task, attacked, total);
                }
            }
            int robust = 0;
            for (boolean x : broken) {
                robust += x ? 0 : 1;
            }
            points.add(new Point(norm, eps, names.toString(), n, (double) cleanCorrect / n, (double) robust / n));
        }
        return points;
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
