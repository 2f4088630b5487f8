package tradeoffs.simulation.classification;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.simulation.montecarlo.Estimate;
import tradeoffs.simulation.random.Streams;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.classification.InvarianceSensitivity;
import tradeoffs.theory.classification.InvarianceToy;
import tradeoffs.theory.classification.Perturbation;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Monte Carlo of the robust accuracy and the invariance error of the classifiers
 * f_a(x) = sign(a·x_s + (1 − a)·x_r) on the {@link InvarianceToy} under ‖δ‖_∞ ≤ ε (docs/math.md §10.5),
 * with an explicit attack on every sample:
 * <ul>
 *   <li><b>sensitivity</b>: δ = −y·ε·sign((a, 1 − a)) ({@link Perturbation#worstCaseDelta}); the point
 *       counts as robust when f_a(x + δ) = y;</li>
 *   <li><b>invariance</b> ({@link #invarianceAttack}): for a point with f_a(x) = y = sign(x_s), move x_s
 *       just across 0 and x_r by ε towards the prediction; the point counts as an invariance example
 *       when the attacked point is checked to lie in the ball, to have the other true label
 *       sign(x_s + δ_s) ≠ sign(x_s) and to keep the prediction f_a(x + δ) = f_a(x).</li>
 * </ul>
 * The closed forms of {@link InvarianceSensitivity} are set beside the estimates only.
 *
 * <p>Point {@code i} of {@link #runAll} draws its samples from stream (seed, firstPoint + i, 0, TEST).
 */
public final class InvarianceMonteCarlo {
    /**
     * The estimates at one (a, ε).
     *
     * @param mix a, the weight on the semantic feature
     * @param eps the radius ε
     * @param robustAccuracy P(f_a(x + δ) = y for every δ in the ball), beside its closed form
     * @param sensitivityError 1 − robust accuracy: P(some δ in the ball changes a correct prediction or the
     *     point is misclassified already), the error that defending against sensitivity examples lowers
     * @param invarianceError P(an invariance example exists), beside its closed form
     */
    public record Point(
            double mix, double eps, Estimate robustAccuracy, Estimate sensitivityError, Estimate invarianceError) {}

    private InvarianceMonteCarlo() {}

    /** One point per (a, ε) of the grids, a-major, each from its own stream; {@code threads} share the points. */
    public static List<Point> runAll(
            InvarianceToy toy, double[] mixes, double[] eps, int samples, long seed, long firstPoint, int threads) {
        if (samples < 2) {
            throw new ParameterException("samples", "must be >= 2", samples);
        }
        for (double a : mixes) {
            if (!(a >= 0.0 && a <= 1.0)) {
                throw new ParameterException("mix", "must be in [0, 1]", a);
            }
        }
        for (double e : eps) {
            if (!(e >= 0.0) || Double.isInfinite(e)) {
                throw new ParameterException("eps", "must be finite and >= 0", e);
            }
        }
        Streams streams = new Streams(seed);
        return IndexedTasks.map(mixes.length * eps.length, threads, i -> {
            double a = mixes[i / eps.length];
            double e = eps[i % eps.length];
            return point(toy, a, e, samples, streams.stream(firstPoint + i, 0, Streams.TEST));
        });
    }

    private static Point point(InvarianceToy toy, double a, double eps, int samples, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double c = 1.0 - a;
        Perturbation ball = Perturbation.linf(eps);
        double[][] worstCase = {
            ball.worstCaseDelta(new double[] {a, c}, -1), ball.worstCaseDelta(new double[] {a, c}, 1)
        };
        Tally robust = new Tally();
        Tally sensitivity = new Tally();
        Tally invariance = new Tally();
        for (int i = 0; i < samples; i++) {
            int y = rng.nextBoolean() ? 1 : -1;
            double xs = y * toy.muS() + toy.sigmaS() * gauss.sample();
            double xr = y * toy.muR() + toy.sigmaR() * gauss.sample();
            double[] d = worstCase[y > 0 ? 1 : 0];
            boolean kept = predict(a, xs + d[0], xr + d[1]) == y;
            robust.add(kept ? 1.0 : 0.0);
            sensitivity.add(kept ? 0.0 : 1.0);
            invariance.add(isInvarianceExample(a, xs, xr, y, eps) ? 1.0 : 0.0);
        }
        double robustTheory = InvarianceSensitivity.robustAccuracy(toy, a, eps);
        return new Point(
                a,
                eps,
                robust.proportion(ColumnNames.ROBUST_ACCURACY, robustTheory),
                sensitivity.proportion(ColumnNames.SENSITIVITY_ERROR, 1.0 - robustTheory),
                invariance.proportion(
                        ColumnNames.INVARIANCE_ERROR, InvarianceSensitivity.invarianceError(toy, a, eps)));
    }

    /** Whether the clean point is correctly classified with y = sign(x_s) and {@link #invarianceAttack} succeeds on it. */
    static boolean isInvarianceExample(double a, double xs, double xr, int y, double eps) {
        if (predict(a, xs, xr) != y || Math.signum(xs) != y) {
            return false;
        }
        double[] d = invarianceAttack(a, xs, xr, eps);
        if (d == null) {
            return false;
        }
        if (Math.max(Math.abs(d[0]), Math.abs(d[1])) > eps * (1 + 1e-12)) {
            throw new IllegalStateException(
                    "invariance attack leaves the ball: δ = (" + d[0] + ", " + d[1] + "), ε = " + eps);
        }
        return Math.signum(xs + d[0]) == -Math.signum(xs) && predict(a, xs + d[0], xr + d[1]) == predict(a, xs, xr);
    }

    /**
     * An invariance attack on a point with prediction s = sign(x_s) ≠ 0 (docs/math.md §10.5): δ_r = s·ε pushes
     * the non-semantic feature towards the prediction, and δ_s moves x_s to −s·τ, just across the true-label
     * boundary, with τ = min(ε − |x_s|, g/(2a)), g = (1 − a)(s·x_r + ε) (τ = ε − |x_s| when a = 0) so that
     * s·(a(x_s + δ_s) + (1 − a)(x_r + δ_r)) = g − aτ &gt; 0 keeps the prediction. Returns null when no such
     * τ &gt; 0 exists (|x_s| ≥ ε, or g ≤ 0): then no invariance example exists at this point, since the
     * prediction can be kept at most when g − a·0⁺ &gt; 0 and the true label flips only when |x_s| &lt; ε.
     */
    public static double[] invarianceAttack(double a, double xs, double xr, double eps) {
        double s = Math.signum(xs);
        if (s == 0.0) {
            return null;
        }
        double room = eps - Math.abs(xs);
        double g = (1.0 - a) * (s * xr + eps);
        if (!(room > 0.0) || !(g > 0.0)) {
            return null;
        }
        double tau = a == 0.0 ? room : Math.min(room, g / (2.0 * a));
        return new double[] {-s * tau - xs, s * eps};
    }

    /** sign(a·x_s + (1 − a)·x_r) as −1, 0 or +1. */
    static int predict(double a, double xs, double xr) {
        return (int) Math.signum(a * xs + (1.0 - a) * xr);
    }
}
