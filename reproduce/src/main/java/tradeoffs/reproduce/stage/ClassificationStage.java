package tradeoffs.reproduce.stage;

import static tradeoffs.io.schema.TableNames.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.io.tables.MultiPerturbationTable;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.ClassificationEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.simulation.classification.AttackComparison;
import tradeoffs.simulation.classification.BetaCounterexample;
import tradeoffs.simulation.classification.ClassificationTables;
import tradeoffs.simulation.classification.InvarianceMonteCarlo;
import tradeoffs.simulation.classification.MepMonteCarlo;
import tradeoffs.simulation.classification.RandomLinearModels;
import tradeoffs.theory.classification.InvarianceToy;
import tradeoffs.theory.classification.MultiPerturbationTradeoff;
import tradeoffs.theory.classification.TramerBonehDistribution;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * The classification part of {@code reproduce} (docs/classification.md §4; claims and rules docs/math.md §12.6): the models of
 * docs/math.md §10, exact and by Monte Carlo with explicit per-sample attacks, for claims C1–C4. Writes
 * <ul>
 *   <li>{@code class_frontier.csv}: the ℓ∞-vs-ℓ1 tradeoff path and the four optimal linear classifiers on
 *       the Tramèr–Boneh distribution (p₀ = 0.95, α = 2) under the MEP premise (ε∞ = 2η, ε₁ = 2) at several
 *       d, and at d = 100 outside it (ε∞ = η/2, ε₁ = 1);</li>
 *   <li>{@code class_mep.csv}: Monte Carlo of random, path and optimal classifiers at d = 100, both radii;</li>
 *   <li>{@code class_invariance.csv}: the invariance toy μ_s = σ_s = 1, μ_r = 2, σ_r = 0.5 over a and ε;</li>
 *   <li>{@code class_beta.csv}: cross-entropy PGD against BETA on {@link BetaCounterexample#standard()}
 *       and on random linear models (K = 10, n = 20) over ε.</li>
 * </ul>
 * Its streams come from the run's seed mixed with a constant of its own, so they are apart from the
 * simulation stage's.
 */
public final class ClassificationStage implements ReproduceStage {
    static final double P0 = 0.95;
    static final double ALPHA = 2.0;
    static final int MC_DIM = 100;
    static final InvarianceToy TOY = new InvarianceToy(1.0, 1.0, 2.0, 0.5);
    static final int RANDOM_MODEL_CLASSES = 10;
    static final int RANDOM_MODEL_DIM = 20;
    private static final long SEED_MIX = 0xC1A5_51F1_CA71_0E5L;

    /** Sizes of a profile. */
    record Plan(
            int[] dims,
            int pathPoints,
            int mcPathPoints,
            int randomClassifiers,
            int mepSamples,
            double[] mixes,
            double[] invarianceEps,
            int invarianceSamples,
            double[] betaEps,
            int pgdSteps,
            int betaSamples,
            int randomModelSamples) {
        static Plan of(Profile p) {
            return p == Profile.QUICK
                    ? new Plan(
                            new int[] {100, 1000},
                            41,
                            5,
                            40,
                            10_000,
                            new double[] {0, 0.5, 1},
                            TheoryStage.grid(0, 1.5, 0.25),
                            20_000,
                            TheoryStage.grid(0, 2, 0.25),
                            10,
                            2_000,
                            1_000)
                    : new Plan(
                            new int[] {25, 100, 1000, 10000, 100000},
                            161,
                            9,
                            200,
                            100_000,
                            new double[] {0, 0.25, 0.5, 0.75, 1},
                            TheoryStage.grid(0, 1.5, 0.125),
                            200_000,
                            TheoryStage.grid(0, 2, 0.125),
                            20,
                            20_000,
                            10_000);
        }
    }

    /** One block of the frontier table: a distribution and radii. */
    private record Block(TramerBonehDistribution dist, double epsLinf, double epsL1) {}

    private final Plan fixedPlan;

    /** The stage with the sizes of the run's profile. */
    public ClassificationStage() {
        this(null);
    }

    /** The stage with fixed sizes, whatever the profile (tests). */
    ClassificationStage(Plan plan) {
        this.fixedPlan = plan;
    }

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public ReportContributor contributor() {
        return new ClassificationEvidence();
    }

    @Override
    public void run(ReproduceContext ctx) {
        Plan plan = fixedPlan != null ? fixedPlan : Plan.of(ctx.profile());
        long seed = ctx.seed() ^ SEED_MIX;
        ctx.manifest()
                .parameter("classification.p0", P0)
                .parameter("classification.alpha", ALPHA)
                .parameter("classification.dims", plan.dims())
                .parameter("classification.mc_dim", MC_DIM)
                .parameter("classification.random_classifiers", plan.randomClassifiers())
                .parameter("classification.mep_samples", plan.mepSamples())
                .parameter("classification.invariance_toy", List.of(TOY.muS(), TOY.sigmaS(), TOY.muR(), TOY.sigmaR()))
                .parameter("classification.mixes", plan.mixes())
                .parameter("classification.invariance_eps", plan.invarianceEps())
                .parameter("classification.invariance_samples", plan.invarianceSamples())
                .parameter("classification.beta_eps", plan.betaEps())
                .parameter("classification.pgd_steps", plan.pgdSteps())
                .parameter("classification.beta_samples", plan.betaSamples())
                .parameter("classification.random_model_samples", plan.randomModelSamples());
        try (Progress progress = Progress.start("classification", 4)) {
            List<Block> blocks = new ArrayList<>();
            for (int d : plan.dims()) {
                TramerBonehDistribution dist = new TramerBonehDistribution(P0, d, ALPHA);
                blocks.add(new Block(dist, 2 * dist.eta(), 2.0)); // the MEP premise, at its threshold
            }
            TramerBonehDistribution mc = new TramerBonehDistribution(P0, MC_DIM, ALPHA);
            Block outside = new Block(mc, mc.eta() / 2, 1.0); // weaker attacks: the premise fails
            blocks.add(outside);
            // one task per (block, optimum): the optimisations are the stage's slowest part
            int kinds = MultiPerturbationTradeoff.OPTIMA.size();
            List<MultiPerturbationTradeoff.Row> flat = IndexedTasks.map(
                    blocks.size() * kinds,
                    ctx.threads(),
                    t -> MultiPerturbationTradeoff.optimum(
                            blocks.get(t / kinds).dist(),
                            blocks.get(t / kinds).epsLinf(),
                            blocks.get(t / kinds).epsL1(),
                            t % kinds));
            List<List<MultiPerturbationTradeoff.Row>> optima = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                optima.add(flat.subList(i * kinds, (i + 1) * kinds));
            }
            frontier(blocks, optima, plan.pathPoints()).writeCsv(ctx.outDir().resolve(file(CLASS_FRONTIER)));
            progress.step();

            Block premise = blocks.get(indexOf(plan.dims(), MC_DIM));
            List<MepMonteCarlo.Candidate> tried =
                    new ArrayList<>(MepMonteCarlo.randomCandidates(mc, plan.randomClassifiers(), seed, 0));
            tried.addAll(candidates(premise, optima.get(blocks.indexOf(premise)), plan.mcPathPoints()));
            List<MepMonteCarlo.Result> results = new ArrayList<>(MepMonteCarlo.run(
                    mc, tried, premise.epsLinf(), premise.epsL1(), plan.mepSamples(), seed, 1, ctx.threads()));
            List<MepMonteCarlo.Result> weaker = MepMonteCarlo.run(
                    mc,
                    candidates(outside, optima.get(blocks.size() - 1), plan.mcPathPoints()),
                    outside.epsLinf(),
                    outside.epsL1(),
                    plan.mepSamples(),
                    seed,
                    2,
                    ctx.threads());
            ResultTable a =
                    ClassificationTables.mep(mc, premise.epsLinf(), premise.epsL1(), plan.mepSamples(), results);
            ResultTable b = ClassificationTables.mep(mc, outside.epsLinf(), outside.epsL1(), plan.mepSamples(), weaker);
            concat(a, b).writeCsv(ctx.outDir().resolve(file(CLASS_MEP)));
            progress.step();

            ClassificationTables.invariance(
                            TOY,
                            plan.invarianceSamples(),
                            InvarianceMonteCarlo.runAll(
                                    TOY,
                                    plan.mixes(),
                                    plan.invarianceEps(),
                                    plan.invarianceSamples(),
                                    seed,
                                    100,
                                    ctx.threads()))
                    .writeCsv(ctx.outDir().resolve(file(CLASS_INVARIANCE)));
            progress.step();

            List<AttackComparison.Row> beta = new ArrayList<>(AttackComparison.run(
                    BetaCounterexample.standard(),
                    plan.betaEps(),
                    plan.pgdSteps(),
                    plan.betaSamples(),
                    seed,
                    1_000,
                    ctx.threads()));
            ResultTable counter = ClassificationTables.beta(plan.betaSamples(), beta);
            ResultTable random = ClassificationTables.beta(
                    plan.randomModelSamples(),
                    AttackComparison.run(
                            new RandomLinearModels(RANDOM_MODEL_CLASSES, RANDOM_MODEL_DIM),
                            plan.betaEps(),
                            plan.pgdSteps(),
                            plan.randomModelSamples(),
                            seed,
                            2_000,
                            ctx.threads()));
            concat(counter, random).writeCsv(ctx.outDir().resolve(file(CLASS_BETA)));
            progress.step();
        }
    }

    /** The path and the optima of every block, through the writer of {@code tradeoffs classification multi-perturbation}. */
    static ResultTable frontier(List<Block> blocks, List<List<MultiPerturbationTradeoff.Row>> optima, int points) {
        ResultTable.Builder t = ResultTable.builder(MultiPerturbationTable.COLUMNS);
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            List<MultiPerturbationTradeoff.Row> rows =
                    new ArrayList<>(MultiPerturbationTradeoff.path(b.dist(), b.epsLinf(), b.epsL1(), points));
            rows.addAll(optima.get(i));
            for (MultiPerturbationTradeoff.Row r : rows) {
                Map<String, Object> m = MultiPerturbationTable.row(b.dist(), b.epsLinf(), b.epsL1(), r);
                t.row(m);
            }
        }
        return t.build();
    }

    /** Path classifiers at {@code points} angles and the block's optima, as Monte Carlo candidates. */
    private static List<MepMonteCarlo.Candidate> candidates(
            Block b, List<MultiPerturbationTradeoff.Row> optima, int points) {
        List<MepMonteCarlo.Candidate> out = new ArrayList<>();
        for (MultiPerturbationTradeoff.Row r :
                MultiPerturbationTradeoff.path(b.dist(), b.epsLinf(), b.epsL1(), points)) {
            out.add(new MepMonteCarlo.Candidate(r.label(), r.theta(), r.classifier()));
        }
        for (MultiPerturbationTradeoff.Row r : optima) {
            out.add(new MepMonteCarlo.Candidate(r.label(), r.theta(), r.classifier()));
        }
        return out;
    }

    private static ResultTable concat(ResultTable a, ResultTable b) {
        List<List<String>> rows = new ArrayList<>(a.rows());
        rows.addAll(b.rows());
        return new ResultTable(a.columns(), rows);
    }

    private static int indexOf(int[] dims, int d) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == d) {
                return i;
            }
        }
        throw new IllegalStateException("the Monte Carlo dimension " + d + " must be one of the frontier's");
    }
}
