package tradeoffs.theory.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Tradeoff curves: for each ε of a grid, the adversarially trained weights and their risks
 * ({@link TradeoffPoint}). A curve is computed in ε order with the previous point as warm start;
 * a grid of curves (norms × any other parameter) runs curves in parallel. Each curve is computed
 * the same way whatever the thread count, so results are identical for any number of threads.
 */
public final class TradeoffCurve {
    private TradeoffCurve() {}

    /**
     * What one curve needs.
     *
     * @param train   the training model
     * @param dimCore how many leading coordinates are core
     * @param test    the test-domain model for the shifted risk, or null
     * @param attack  the attack norm
     * @param eps     the ε grid (any order; warm starts follow the given order), every value checked here
     * @param claim4  also compute the core-only minimum (claim 4)
     */
    public record Spec(
            GaussianModel train, int dimCore, GaussianModel test, LpNorm attack, EpsValues eps, boolean claim4) {
        public Spec {
            SpuriousReliance.checkSplit(train.dim(), dimCore);
            if (test != null && test.dim() != train.dim()) {
                throw new ParameterException("test_model", "must have dimension " + train.dim(), test.dim());
            }
            for (int i = 0; i < eps.size(); i++) {
                AdversarialRisk.checkEps(eps.get(i));
            }
        }

        /** A curve over the values of an array (copied). */
        public Spec(GaussianModel train, int dimCore, GaussianModel test, LpNorm attack, double[] eps, boolean claim4) {
            this(train, dimCore, test, attack, EpsValues.of(eps), claim4);
        }
    }

    /**
     * The curves of one model over the same ε values, one per attack norm; the core-only minimum
     * (claim 4) is computed when the model has a spurious block ({@code dimCore < train.dim()}).
     */
    public static List<Spec> specs(
            GaussianModel train, int dimCore, GaussianModel test, List<LpNorm> norms, EpsValues eps) {
        List<Spec> specs = new ArrayList<>();
        for (LpNorm a : norms) {
            specs.add(new Spec(train, dimCore, test, a, eps, dimCore < train.dim()));
        }
        return specs;
    }

    /** One curve, sequentially with warm starts along ε. */
    public static List<TradeoffPoint> curve(Spec spec) {
        List<TradeoffPoint> out = new ArrayList<>(spec.eps().size());
        forEachPoint(spec, out::add);
        return out;
    }

    /**
     * One curve point by point, in ε order with the previous point as warm start (as {@link #curve}),
     * each point handed to {@code sink} as soon as it is computed and not kept: memory does not grow
     * with the grid.
     */
    public static void forEachPoint(Spec spec, Consumer<TradeoffPoint> sink) {
        AdversarialTraining trainer = new AdversarialTraining(spec.train());
        AdversarialTraining coreTrainer =
                spec.claim4() ? new AdversarialTraining(SpuriousBenefit.coreModel(spec.train(), spec.dimCore())) : null;
        AdversarialSolution prev = null;
        AdversarialSolution prevCore = null;
        int d = spec.train().dim();
        int dc = spec.dimCore();
        EpsValues grid = spec.eps();
        for (int i = 0; i < grid.size(); i++) {
            double eps = grid.get(i);
            AdversarialSolution sol = trainer.solve(spec.attack(), eps, prev);
            double coreOnly = Double.NaN;
            if (coreTrainer != null) {
                prevCore = coreTrainer.solve(spec.attack(), eps, prevCore);
                coreOnly = prevCore.adversarialRisk();
            }
            double[] w = sol.w();
            double shifted = spec.test() == null ? Double.NaN : ShiftedRisk.of(spec.test(), w);
            sink.accept(new TradeoffPoint(
                    spec.attack(),
                    eps,
                    w,
                    SpuriousReliance.blockSummary(w, 0, dc),
                    dc < d ? SpuriousReliance.blockSummary(w, dc, d) : Double.NaN,
                    SpuriousReliance.of(spec.train(), w, dc),
                    sol.standardRisk(),
                    sol.adversarialRisk(),
                    shifted,
                    coreOnly,
                    sol.certificate()));
            prev = sol;
        }
    }

    /** Several curves on {@code threads} threads; the result lists follow the order of {@code specs}. */
    public static List<List<TradeoffPoint>> curves(List<Spec> specs, int threads) {
        return IndexedTasks.map(specs.size(), threads, i -> curve(specs.get(i)));
    }

    /** Curves for the core/spurious model, one per attack norm; η′ (may be null) sets the test domain. */
    public static List<List<TradeoffPoint>> coreSpurious(
            CoreSpuriousModel model, Double etaTest, List<LpNorm> attacks, double[] eps, boolean claim4, int threads) {
        GaussianModel train = model.toGaussian();
        GaussianModel test = etaTest == null ? null : model.withEta(etaTest).toGaussian();
        List<Spec> specs = new ArrayList<>();
        for (LpNorm a : attacks) {
            specs.add(new Spec(train, model.dimCore(), test, a, eps, claim4));
        }
        return curves(specs, threads);
    }
}
