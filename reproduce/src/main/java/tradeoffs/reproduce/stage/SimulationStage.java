package tradeoffs.reproduce.stage;

import static tradeoffs.io.schema.ColumnNames.*;
import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.SimulationEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.simulation.montecarlo.ConvergenceStudy;
import tradeoffs.simulation.montecarlo.MonteCarlo;
import tradeoffs.simulation.montecarlo.MonteCarloResult;
import tradeoffs.simulation.montecarlo.MonteCarloSpec;
import tradeoffs.simulation.montecarlo.MonteCarloTable;
import tradeoffs.simulation.montecarlo.NonSmoothCheck;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.SpuriousBenefit;

/**
 * The simulation part of {@code reproduce}: finite-sample adversarial training (docs/math.md §6.1)
 * repeated on fresh samples of the core/spurious model, beside the theory values, through the
 * simulation module's {@link MonteCarlo} and {@link ConvergenceStudy}. Writes
 * {@code sim_agreement.csv} (one row per grid point and quantity, with mean, standard error, 95%
 * interval, z-score and the non-smooth mark of docs/math.md §7.4), {@code sim_core_only.csv} (the
 * same for models restricted to the core feature, for claim 4), {@code sim_kink.csv} (ℓ∞ exactly at
 * the scale boundary σ_s|η| = σ_c, where the spurious weight is 0 at a kink and its z-score grows
 * like 0.683·√reps), {@code sim_nonsmooth.csv} (the bias ladders n/16, n/4, n of every marked row
 * with |z| &gt; 4 in those three tables, {@link NonSmoothCheck}) and {@code sim_convergence.csv}
 * (error of the weights against n).
 *
 * <p>The grid: ℓ1, ℓ2, ℓ∞ × σ_s ∈ {1, 2} (below and above the ℓ∞ scale condition) × ε in [0, 0.6],
 * the range where the theory's shift penalty still grows with ε; the test domain has η′ = 0.
 */
public final class SimulationStage implements ReproduceStage {
    static final double ETA_TEST = 0.0;
    static final double CONVERGENCE_EPS = 0.3;
    /** σ_c of the boundary case: σ_s|η|/σ_c = 1·0.6/0.6 = 1 exactly in floating point. */
    static final double KINK_SIGMA_CORE = 0.6;

    /** Sizes of a profile. */
    record Plan(
            double[] eps, int n, int nTest, int reps, int[] convergenceSizes, int convergenceReps, double[] kinkEps) {
        static Plan of(Profile p) {
            return p == Profile.QUICK
                    ? new Plan(
                            TheoryStage.grid(0, 0.6, 0.15),
                            4000,
                            4000,
                            100,
                            new int[] {250, 1000, 4000, 16000},
                            40,
                            new double[] {0.3})
                    : new Plan(
                            TheoryStage.grid(0, 0.6, 0.075),
                            10000,
                            10000,
                            400,
                            new int[] {250, 1000, 4000, 16000, 64000},
                            200,
                            new double[] {0.15, 0.3, 0.45});
        }
    }

    @Override
    public String name() {
        return "simulation";
    }

    @Override
    public ReportContributor contributor() {
        return new SimulationEvidence();
    }

    @Override
    public void run(ReproduceContext ctx) {
        Plan plan = Plan.of(ctx.profile());
        ctx.manifest()
                .parameter("simulation.eps", plan.eps())
                .parameter("simulation.n", plan.n())
                .parameter("simulation.n_test", plan.nTest())
                .parameter("simulation.reps", plan.reps())
                .parameter("simulation.eta_test", ETA_TEST)
                .parameter("simulation.convergence_sizes", plan.convergenceSizes())
                .parameter("simulation.convergence_reps", plan.convergenceReps())
                .parameter("simulation.convergence_eps", CONVERGENCE_EPS)
                .parameter("simulation.kink_sigma_core", KINK_SIGMA_CORE)
                .parameter("simulation.kink_eps", plan.kinkEps());
        List<MonteCarloSpec> specs = new ArrayList<>();
        long point = 0;
        for (double s : new double[] {TheoryStage.SIGMA_S_BELOW, TheoryStage.SIGMA_S_ABOVE}) {
            Scenario scenario = Scenario.coreSpurious(TheoryStage.model(s), ETA_TEST);
            for (LpNorm norm : TheoryStage.NORMS) {
                for (double e : plan.eps()) {
                    specs.add(new MonteCarloSpec(
                            scenario, norm, e, plan.n(), plan.nTest(), plan.reps(), ctx.seed(), point++));
                }
            }
        }
        int chunks = TheoryStage.NORMS.size() + 4;
        try (Progress progress = ctx.progress().start("simulation", chunks)) {
            // one batch per norm keeps the progress moving while all repetitions share the threads
            List<MonteCarloResult> results = new ArrayList<>();
            int per = plan.eps().length;
            List<List<MonteCarloSpec>> batches = new ArrayList<>();
            for (int k = 0; k < TheoryStage.NORMS.size(); k++) {
                List<MonteCarloSpec> batch = new ArrayList<>();
                for (int sIdx = 0; sIdx < 2; sIdx++) {
                    int from = (sIdx * TheoryStage.NORMS.size() + k) * per;
                    batch.addAll(specs.subList(from, from + per));
                }
                batches.add(batch);
            }
            for (List<MonteCarloSpec> batch : batches) {
                results.addAll(MonteCarlo.runAll(batch, ctx.threads()));
                progress.step();
            }
            MonteCarloTable.of(results).writeCsv(ctx.outDir().resolve(file(SIM_AGREEMENT)));
            List<MonteCarloSpec> coreOnly = coreOnlySpecs(plan, ctx.seed(), point);
            List<MonteCarloResult> coreOnlyResults = MonteCarlo.runAll(coreOnly, ctx.threads());
            MonteCarloTable.of(coreOnlyResults).writeCsv(ctx.outDir().resolve(file(SIM_CORE_ONLY)));
            progress.step();
            List<MonteCarloResult> kink =
                    MonteCarlo.runAll(kinkSpecs(plan, ctx.seed(), point + coreOnly.size()), ctx.threads());
            MonteCarloTable.of(kink).writeCsv(ctx.outDir().resolve(file(SIM_KINK)));
            progress.step();
            List<MonteCarloResult> all = new ArrayList<>(results);
            all.addAll(coreOnlyResults);
            all.addAll(kink);
            NonSmoothCheck.table(NonSmoothCheck.run(all, ctx.threads(), null, false))
                    .writeCsv(ctx.outDir().resolve(file(SIM_NONSMOOTH)));
            progress.step();
            convergence(plan, ctx).writeCsv(ctx.outDir().resolve(file(SIM_CONVERGENCE)));
            progress.step();
        }
    }

    /**
     * Claim 4 at finite n: the same adversarial training restricted to the core feature, i.e. on
     * the marginal model of x_c ({@link SpuriousBenefit#coreModel}, docs/math.md §5.3), at σ_s = 1 and
     * every (norm, ε) of the grid. Point indices continue after the agreement grid's, so the
     * streams are independent of it.
     */
    static List<MonteCarloSpec> coreOnlySpecs(Plan plan, long seed, long firstPoint) {
        CoreSpuriousModel m = TheoryStage.model(TheoryStage.SIGMA_S_BELOW);
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put(MODEL, "core-only");
        labels.put(SIGMA_CORE, Double.toString(m.sigmaCore()));
        labels.put(SIGMA_SPURIOUS, Double.toString(m.sigmaSpurious()));
        labels.put(ETA, Double.toString(m.eta()));
        labels.put(NOISE, Double.toString(m.noise()));
        labels.put(DIM_CORE, "1");
        labels.put(DIM_SPURIOUS, "0");
        Scenario core = Scenario.gaussian(SpuriousBenefit.coreModel(m.toGaussian(), 1), 1, null, labels);
        List<MonteCarloSpec> specs = new ArrayList<>();
        long point = firstPoint;
        for (LpNorm norm : TheoryStage.NORMS) {
            for (double e : plan.eps()) {
                specs.add(new MonteCarloSpec(core, norm, e, plan.n(), plan.nTest(), plan.reps(), seed, point++));
            }
        }
        return specs;
    }

    /**
     * ℓ∞ exactly at the scale boundary (σ_c = 0.6, σ_s = 1, η = 0.6: σ_s|η|/σ_c = 1), where the
     * population spurious weight is 0 with zero slack (docs/math.md §4.3, §7.4): the mechanism by
     * which a right theory value gets |z| ≈ 0.683·√reps, shown with its bias ladder. Point indices
     * continue after the core-only runs'.
     */
    static List<MonteCarloSpec> kinkSpecs(Plan plan, long seed, long firstPoint) {
        Scenario s = Scenario.coreSpurious(
                CoreSpuriousModel.twoFeature(
                        KINK_SIGMA_CORE, TheoryStage.SIGMA_S_BELOW, TheoryStage.ETA_TRAIN, TheoryStage.NOISE_SD),
                ETA_TEST);
        List<MonteCarloSpec> specs = new ArrayList<>();
        long point = firstPoint;
        for (double e : plan.kinkEps()) {
            specs.add(new MonteCarloSpec(s, LpNorm.LINF, e, plan.n(), plan.nTest(), plan.reps(), seed, point++));
        }
        return specs;
    }

    /** Weight error against n per norm at σ_s = 2 (so every norm has w_s ≠ 0), ε = 0.3. */
    static ResultTable convergence(Plan plan, ReproduceContext ctx) {
        CoreSpuriousModel m = TheoryStage.model(TheoryStage.SIGMA_S_ABOVE);
        Scenario scenario = Scenario.coreSpurious(m, null);
        ResultTable.Builder b = null;
        long seed = ctx.seed() ^ 0x5DEECE66DL; // its own streams, apart from the agreement grid's
        for (LpNorm norm : TheoryStage.NORMS) {
            ResultTable t = ConvergenceStudy.run(
                            scenario,
                            norm,
                            CONVERGENCE_EPS,
                            plan.convergenceSizes(),
                            plan.convergenceReps(),
                            seed,
                            ctx.threads())
                    .table();
            if (b == null) {
                List<String> cols = new ArrayList<>(List.of(SIGMA_CORE, SIGMA_SPURIOUS, ETA, NOISE));
                cols.addAll(t.columns());
                b = ResultTable.builder(cols);
            }
            for (List<String> row : t.rows()) {
                List<Object> r = new ArrayList<>(List.of(m.sigmaCore(), m.sigmaSpurious(), m.eta(), m.noise()));
                r.addAll(row);
                b.row(r.toArray());
            }
        }
        return b.build();
    }
}
