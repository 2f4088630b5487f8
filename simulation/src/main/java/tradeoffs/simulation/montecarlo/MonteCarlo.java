package tradeoffs.simulation.montecarlo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.MemoryBudget;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.parallel.IndexedTasks;
import tradeoffs.theory.regression.AdversarialRisk;
import tradeoffs.theory.regression.SpuriousReliance;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;
import tradeoffs.theory.sample.Sample;

/**
 * Monte Carlo checks of the theory (docs/math.md §2.2, §4–§7): for each repetition, draw n
 * training examples, fit finite-sample adversarial training ({@link EmpiricalAdversarialTraining}),
 * and measure
 * <ul>
 *   <li>{@code w_core}, {@code w_spurious}: the weights (one feature) or block ℓ2 norms;</li>
 *   <li>{@code spurious_reliance}: docs/math.md §5.1 with the model's feature scales;</li>
 *   <li>{@code standard_risk}: mean (y − xᵀŵ)² on a fresh held-out sample of size n_test;</li>
 *   <li>{@code adversarial_risk}: mean worst-case loss (|y − xᵀŵ| + ε‖ŵ‖_q)² (docs/math.md §2.1) on
 *       that sample;</li>
 *   <li>{@code shifted_risk}: mean (y − xᵀŵ)² on a fresh sample of the shifted test domain.</li>
 * </ul>
 * Each quantity is compared with the theory module's population value at the population
 * solution w*. Held-out risks are unbiased for the population risk of ŵ, which exceeds that of
 * w* by O(1/n); the standard error over reps is O(1/√(n·reps)), so the bias shows at
 * z ≈ O(√(reps/n)) (0.14 for n = 10⁴, reps = 200).
 *
 * <p>Streams: repetition r of a spec uses streams (seed, point, r, TRAIN / TEST / SHIFTED), so
 * results do not depend on the thread count.
 */
public final class MonteCarlo {
    /** The quantities, in table order. */
    public static final List<String> QUANTITIES = List.of(
            ColumnNames.W_CORE,
            ColumnNames.W_SPURIOUS,
            ColumnNames.RELIANCE,
            ColumnNames.STANDARD_RISK,
            ColumnNames.ADVERSARIAL_RISK,
            ColumnNames.SHIFTED_RISK);

    /**
     * Relative numerical tolerance τ added in quadrature to the standard error in the z-score:
     * the theory values and the finite-sample solves are certified far below it, and it keeps
     * z finite where every repetition hits the theory value exactly (w_s = 0 under the ℓ∞ scale
     * condition, the ℓ1 lock |w_c| = |w_s|).
     */
    public static final double NUMERICAL_TOLERANCE = 1e-8;

    /** Confidence level of the intervals. */
    public static final double CONFIDENCE = 0.95;

    private MonteCarlo() {}

    /** Runs one spec on {@code threads} threads. */
    public static MonteCarloResult run(MonteCarloSpec spec, int threads) {
        return runAll(List.of(spec), threads).get(0);
    }

    /**
     * Runs every spec; all (spec, repetition) pairs share the {@code threads} threads. Results
     * follow the order of {@code specs}.
     */
    public static List<MonteCarloResult> runAll(List<MonteCarloSpec> specs, int threads) {
        return runAll(specs, threads, null);
    }

    /**
     * As {@link #runAll(List, int)}, reporting progress lines ("12/36 points, 40% of 7200
     * repetitions") to {@code progress} at every tenth of the work (null: silent).
     */
    public static List<MonteCarloResult> runAll(List<MonteCarloSpec> specs, int threads, Consumer<String> progress) {
        return runAll(specs, threads, progress, false);
    }

    /**
     * As {@link #runAll(List, int, Consumer)}. A repetition whose finite-sample fit is not
     * certified (relative duality gap above {@link EmpiricalAdversarialTraining#DEFAULT_TOLERANCE})
     * is left out of the means unless {@code includeUncertified}; either way the point's
     * {@link MonteCarloResult#uncertified()} counts it and a warning line goes to {@code progress}.
     */
    public static List<MonteCarloResult> runAll(
            List<MonteCarloSpec> specs, int threads, Consumer<String> progress, boolean includeUncertified) {
        requireFits(specs);
        int[] offsets = new int[specs.size() + 1];
        for (int i = 0; i < specs.size(); i++) {
            offsets[i + 1] = offsets[i] + specs.get(i).reps();
        }
        int[] specOf = new int[offsets[specs.size()]];
        for (int i = 0; i < specs.size(); i++) {
            Arrays.fill(specOf, offsets[i], offsets[i + 1], i);
        }
        // as many repetitions at once as the heap holds (results do not depend on the thread count)
        threads = MemoryBudget.parallelism(
                threads,
                specs.stream()
                        .mapToDouble(MonteCarloSpec::bytesPerRepetition)
                        .max()
                        .orElse(0));
        List<TradeoffPoint> theory = IndexedTasks.map(specs.size(), threads, i -> theory(specs.get(i)));
        AtomicInteger done = new AtomicInteger();
        int total = specOf.length;
        List<Rep> reps = IndexedTasks.map(total, threads, t -> {
            Rep r = repetition(
                    specs.get(specOf[t]),
                    t - offsets[specOf[t]],
                    theory.get(specOf[t]).w());
            int k = done.incrementAndGet();
            if (progress != null && (k * 10L / total) != ((k - 1) * 10L / total)) {
                synchronized (progress) {
                    progress.accept(String.format(
                            "monte carlo: %d%% of %d repetitions (%d points)", k * 100L / total, total, specs.size()));
                }
            }
            return r;
        });
        List<MonteCarloResult> out = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            MonteCarloResult r = summarise(
                    specs.get(i), theory.get(i), reps.subList(offsets[i], offsets[i + 1]), includeUncertified);
            if (r.uncertified() > 0 && progress != null) {
                MonteCarloSpec sp = r.spec();
                progress.accept(String.format(
                        "monte carlo: warning: %d of %d fits at norm=%s eps=%s n=%d not certified"
                                + " (relative gap up to %.2g > %.0e): %s the means",
                        r.uncertified(),
                        sp.reps(),
                        sp.attack().name(),
                        sp.eps(),
                        sp.n(),
                        r.maxRelativeGap(),
                        EmpiricalAdversarialTraining.DEFAULT_TOLERANCE,
                        includeUncertified ? "kept in" : "left out of"));
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Throws a ParameterException about {@code reps} unless the repetitions of all {@code specs}
     * can be counted in an int and their results kept in the heap (each repetition's result is
     * kept until its point is summarised: about 200 bytes plus its weights).
     */
    public static void requireFits(List<MonteCarloSpec> specs) {
        double totalReps = specs.stream().mapToDouble(MonteCarloSpec::reps).sum();
        int maxReps = specs.stream().mapToInt(MonteCarloSpec::reps).max().orElse(0);
        MemoryBudget.requireArray("reps", maxReps, totalReps, "the repetitions of all points");
        MemoryBudget.require(
                "reps",
                maxReps,
                totalReps
                        * specs.stream()
                                .mapToDouble(
                                        s -> 200.0 + 16.0 * s.scenario().train().dim())
                                .max()
                                .orElse(0),
                "the results of " + (long) totalReps + " repetitions");
    }

    /** The theory module's population solution at the spec's (attack, ε). */
    public static TradeoffPoint theory(MonteCarloSpec spec) {
        Scenario s = spec.scenario();
        return TradeoffCurve.curve(new TradeoffCurve.Spec(
                        s.train(), s.dimCore(), s.shifted(), spec.attack(), new double[] {spec.eps()}, false))
                .get(0);
    }

    /** One repetition's measurements, in the order of {@link #QUANTITIES}. */
    private record Rep(double[] w, double[] values, double relativeGap, boolean certified) {}

    private static Rep repetition(MonteCarloSpec spec, int rep, double[] warmStart) {
        Scenario s = spec.scenario();
        Streams streams = new Streams(spec.seed());
        Sample train = s.trainSampler().sample(spec.n(), streams.stream(spec.point(), rep, Streams.TRAIN));
        EmpiricalFit fit = EmpiricalAdversarialTraining.of(train)
                .fit(spec.attack(), spec.eps(), EmpiricalAdversarialTraining.DEFAULT_TOLERANCE, warmStart);
        double[] w = fit.w();
        int d = w.length;
        int dc = s.dimCore();
        double[] v = new double[QUANTITIES.size()];
        Arrays.fill(v, Double.NaN);
        v[0] = SpuriousReliance.blockSummary(w, 0, dc);
        v[1] = dc < d ? SpuriousReliance.blockSummary(w, dc, d) : Double.NaN;
        v[2] = SpuriousReliance.of(s.train(), w, dc);
        if (spec.nTest() > 0) {
            Sample test = s.trainSampler().sample(spec.nTest(), streams.stream(spec.point(), rep, Streams.TEST));
            v[3] = meanSquaredError(test, w);
            v[4] = meanWorstCaseLoss(test, w, spec.attack(), spec.eps());
            if (s.shiftedSampler() != null) {
                Sample shifted =
                        s.shiftedSampler().sample(spec.nTest(), streams.stream(spec.point(), rep, Streams.SHIFTED));
                v[5] = meanSquaredError(shifted, w);
            }
        }
        return new Rep(w, v, fit.relativeGap(), fit.certified());
    }

    /** (1/n) Σ (y_i − x_iᵀw)². */
    static double meanSquaredError(Sample data, double[] w) {
        int d = data.d();
        double[] x = data.x();
        double[] y = data.y();
        double s = 0;
        for (int i = 0; i < data.n(); i++) {
            double r = y[i];
            for (int j = 0; j < d; j++) {
                r -= x[i * d + j] * w[j];
            }
            s += r * r;
        }
        return s / data.n();
    }

    /** (1/n) Σ max_{‖δ‖_p ≤ ε} (y_i − wᵀ(x_i + δ))², each term from the theory module (docs/math.md §2.1). */
    static double meanWorstCaseLoss(Sample data, double[] w, LpNorm attack, double eps) {
        int d = data.d();
        double[] row = new double[d];
        double s = 0;
        for (int i = 0; i < data.n(); i++) {
            System.arraycopy(data.x(), i * d, row, 0, d);
            s += AdversarialRisk.worstCaseLoss(w, row, data.y()[i], attack, eps);
        }
        return s / data.n();
    }

    private static MonteCarloResult summarise(
            MonteCarloSpec spec, TradeoffPoint theory, List<Rep> reps, boolean includeUncertified) {
        double[] theoryValues = {
            theory.wCore(),
            theory.wSpurious(),
            theory.spuriousReliance(),
            theory.standardRisk(),
            theory.adversarialRisk(),
            theory.shiftedRisk()
        };
        List<Estimate> estimates = new ArrayList<>();
        for (int q = 0; q < QUANTITIES.size(); q++) {
            SummaryStatistics stats = new SummaryStatistics();
            for (Rep r : reps) {
                if (!Double.isNaN(r.values[q]) && (r.certified || includeUncertified)) {
                    stats.addValue(r.values[q]);
                }
            }
            estimates.add(estimate(QUANTITIES.get(q), theoryValues[q], stats));
        }
        List<double[]> counted = new ArrayList<>(reps.size());
        for (Rep r : reps) {
            if (r.certified || includeUncertified) {
                counted.add(r.w);
            }
        }
        estimates = NonSmooth.mark(spec, theory.w(), counted, estimates);
        double gap = 0;
        int uncertified = 0;
        List<double[]> weights = new ArrayList<>(reps.size());
        for (Rep r : reps) {
            gap = Math.max(gap, r.relativeGap);
            uncertified += r.certified ? 0 : 1;
            weights.add(r.w);
        }
        return new MonteCarloResult(spec, theory, estimates, weights, gap, uncertified);
    }

    /** Mean, standard error, Student-t interval and z-score of a sample against a theory value. */
    public static Estimate estimate(String quantity, double theory, SummaryStatistics stats) {
        long count = stats.getN();
        if (count < 2) {
            double mean = count == 1 ? stats.getMean() : Double.NaN;
            return new Estimate(
                    quantity, theory, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, (int) count, "");
        }
        double mean = stats.getMean();
        double se = stats.getStandardDeviation() / Math.sqrt(count);
        double t = new TDistribution(count - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
        double tau = NUMERICAL_TOLERANCE * Math.max(1.0, Math.abs(theory));
        double z = Double.isNaN(theory) ? Double.NaN : (mean - theory) / Math.sqrt(se * se + tau * tau);
        return new Estimate(quantity, theory, mean, se, mean - t * se, mean + t * se, z, (int) count, "");
    }
}
