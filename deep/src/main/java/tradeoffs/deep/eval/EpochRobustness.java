package tradeoffs.deep.eval;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.deep.attack.Attack;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.attack.Pgd;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.model.Classifier;
import tradeoffs.deep.train.EpochHook;
import tradeoffs.deep.train.EpochLog;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.theory.ParameterException;

/**
 * Robust accuracy after every training epoch on a small held-out set (the robust-overfitting check
 * of Rice et al. 2020 that Robey et al. 2024 report for BETA-AT: is the best epoch's robust accuracy
 * above the last one's?). Attack: PGD on cross-entropy with a random start, step 2.5ε/steps, one
 * restart, the same random stream after every epoch (so epochs are compared on the same starts).
 *
 * @param images held-out images per epoch (the first ones of the robust-accuracy test set)
 * @param norm the attack norm
 * @param eps the radius
 * @param steps PGD steps
 */
public record EpochRobustness(int images, PerturbationNorm norm, double eps, int steps) {
    /** Columns of {@link #table}. */
    public static final List<String> COLUMNS = List.of(
            ColumnNames.EPOCH,
            ColumnNames.NORM,
            ColumnNames.EPS,
            ColumnNames.N,
            ColumnNames.CLEAN_ACCURACY,
            ColumnNames.ROBUST_ACCURACY);

    public EpochRobustness {
        ParameterException.requireAtLeast("epoch_images", images, 1);
        if (norm == null) {
            throw new ParameterException("epoch_norm", "is required", null);
        }
        ParameterException.requireNonNegative("epoch_eps", eps);
        ParameterException.requireAtLeast("epoch_steps", steps, 1);
    }

    /**
     * One epoch's measurement.
     *
     * @param epoch 1-based
     * @param cleanAccuracy on the held-out images
     * @param robustAccuracy on the held-out images at {@link #eps}
     */
    public record Point(int epoch, double cleanAccuracy, double robustAccuracy) {}

    /**
     * A hook that measures {@code heldOut} (its first {@link #images} images) after every epoch into
     * {@code out}, attack randomness from {@code seed}.
     */
    public EpochHook hook(ImageSet heldOut, long seed, List<Point> out) {
        ImageSet set = heldOut.slice(0, Math.min(images, heldOut.size()));
        List<Attack> attacks = List.of(Pgd.of(norm, eps, steps));
        return (Classifier model, EpochLog log) -> {
            RobustAccuracy.Point p = RobustAccuracy.evaluate(
                            model, set, norm, new double[] {eps}, e -> attacks, 256, seed)
                    .get(0);
            out.add(new Point(log.epoch(), p.cleanAccuracy(), p.robustAccuracy()));
        };
    }

    /** The points as a table with {@link #COLUMNS}, {@code n} held-out images. */
    public ResultTable table(List<Point> points, int n) {
        ResultTable.Builder b = ResultTable.builder(COLUMNS);
        for (Point p : points) {
            b.row(p.epoch(), norm.id(), eps, n, p.cleanAccuracy(), p.robustAccuracy());
        }
        return b.build();
    }

    /** Points read back from {@link #table}, or null when the table was measured otherwise (other norm, ε or n). */
    public List<Point> read(ResultTable t, int n) {
        if (!t.columns().equals(COLUMNS)) {
            return null;
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i, ColumnNames.NORM).equals(norm.id())
                    || t.getDouble(i, ColumnNames.EPS) != eps
                    || (int) t.getDouble(i, ColumnNames.N) != n) {
                return null;
            }
            out.add(new Point(
                    (int) t.getDouble(i, ColumnNames.EPOCH),
                    t.getDouble(i, ColumnNames.CLEAN_ACCURACY),
                    t.getDouble(i, ColumnNames.ROBUST_ACCURACY)));
        }
        return out;
    }
}
