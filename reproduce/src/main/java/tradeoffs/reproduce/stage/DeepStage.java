package tradeoffs.reproduce.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.DeepSweep;
import tradeoffs.deep.eval.Regime;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.BenchmarkLabels;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.DeepEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.theory.ParameterException;

/**
 * The deep part of {@code reproduce}: standard vs ℓ2- vs ℓ∞-adversarial training of the small CNN
 * at two (quick) or three (full) radii, on one benchmark whose background contrast is below the
 * foreground's (0.3 vs 0.6) and one where it is above (0.8 vs 0.3), each regime trained with two
 * (quick) or four (full) training seeds; background reliance and robust accuracy of every model. Tables: deep_training, deep_reliance, deep_robust (see {@link DeepSweep}), each with a
 * {@code replicate} column;
 * checkpoints under {@code deep/models/}. The quick profile was sized to stay well inside 15 minutes
 * on two CPU cores (docs/deep.md gives the measured time).
 */
public final class DeepStage implements ReproduceStage {

    /**
     * The sizes of one profile.
     *
     * @param replicates training seeds per regime ({@link DeepSweep#trainSeed}); the benchmark and its
     *     test sets are the same for every replicate
     */
    public record Plan(int imageSize, int trainSize, int testSize, int epochs, int trainSteps, int evalSteps, int restarts,
            double[] linfEps, double[] l2Eps, int replicates) {
        public Plan {
            ParameterException.requireAtLeast("replicates", replicates, 1);
        }
    }

    static Plan plan(Profile p) {
        return p == Profile.QUICK
                ? new Plan(16, 4000, 1000, 8, 3, 10, 1, new double[] {0.0157, 0.0314}, new double[] {0.25, 0.5}, 2)
                : new Plan(24, 10000, 1000, 15, 5, 20, 2, new double[] {0.0078, 0.0157, 0.0314},
                        new double[] {0.125, 0.25, 0.5}, 4);
    }

    /** The two benchmarks: background contrast below and above the foreground's. */
    static List<BenchmarkParams> benchmarks(int imageSize) {
        BenchmarkParams base = BenchmarkParams.defaults().withImageSize(imageSize);
        return List.of(base.withContrasts(0.6, 0.3), base.withContrasts(0.3, 0.8));
    }

    private final Plan fixedPlan;

    /** The stage with the profile's sizes (what {@code reproduce} uses). */
    public DeepStage() {
        this(null);
    }

    /** The stage with explicit sizes (tests). */
    public DeepStage(Plan plan) {
        this.fixedPlan = plan;
    }

    @Override
    public String name() {
        return "deep";
    }


    @Override
    public void run(ReproduceContext ctx) {
        Plan plan = fixedPlan != null ? fixedPlan : plan(ctx.profile());
        List<Regime> regimes = new ArrayList<>();
        regimes.add(Regime.standard());
        for (double e : plan.l2Eps()) {
            regimes.add(new Regime(PerturbationNorm.L2, e));
        }
        for (double e : plan.linfEps()) {
            regimes.add(new Regime(PerturbationNorm.LINF, e));
        }
        Map<PerturbationNorm, double[]> evalEps = new LinkedHashMap<>();
        evalEps.put(PerturbationNorm.LINF, withZero(plan.linfEps()));
        evalEps.put(PerturbationNorm.L2, withZero(plan.l2Eps()));
        List<ResultTable> training = new ArrayList<>();
        List<ResultTable> reliance = new ArrayList<>();
        List<ResultTable> robust = new ArrayList<>();
        Path dir = ctx.outDir().resolve("deep");
        List<BenchmarkParams> benches = benchmarks(plan.imageSize());
        List<Long> trainSeeds = new ArrayList<>();
        for (int r = 0; r < plan.replicates(); r++) {
            trainSeeds.add(DeepSweep.trainSeed(ctx.seed(), r));
        }
        try (Progress progress = ctx.progress().start("deep", (long) benches.size() * regimes.size() * plan.replicates(), "models")) {
            for (BenchmarkParams b : benches) {
                for (int r = 0; r < plan.replicates(); r++) {
                    DeepSweep.Spec spec = new DeepSweep.Spec(BenchmarkLabels.byContrast(b.foregroundContrast(), b.backgroundContrast()), b, ctx.seed(),
                            plan.trainSize(), plan.testSize(), Architecture.CNN, plan.epochs(), 64, 2e-3,
                            plan.trainSteps(), regimes, evalEps, plan.evalSteps(), plan.restarts(), null,
                            new double[] {0.1, 0.25, 0.5}, DeviceChoice.AUTO.resolve(), trainSeeds.get(r));
                    DeepSweep.Tables t = DeepSweep.run(spec, dir, line -> {
                        if (line.endsWith(": background reliance")) {
                            progress.step();
                        }
                    });
                    training.add(DeepSweep.withReplicate(t.training(), r));
                    reliance.add(DeepSweep.withReplicate(t.reliance(), r));
                    robust.add(DeepSweep.withReplicate(t.robust(), r));
                }
            }
        }
        DeepSweep.concat(training).writeCsv(ctx.outDir().resolve(TableNames.file(TableNames.DEEP_TRAINING)));
        DeepSweep.concat(reliance).writeCsv(ctx.outDir().resolve(TableNames.file(TableNames.DEEP_RELIANCE)));
        DeepSweep.concat(robust).writeCsv(ctx.outDir().resolve(TableNames.file(TableNames.DEEP_ROBUST)));
        ctx.manifest().parameter("deep.image_size", plan.imageSize()).parameter("deep.train_size", plan.trainSize())
                .parameter("deep.test_size", plan.testSize()).parameter("deep.epochs", plan.epochs())
                .parameter("deep.train_steps", plan.trainSteps()).parameter("deep.eval_steps", plan.evalSteps())
                .parameter("deep.restarts", plan.restarts())
                .parameter("deep.replicates", plan.replicates()).parameter("deep.train_seeds", trainSeeds)
                .parameter("deep.regimes", regimes.stream().map(Regime::id).toList());
    }

    private static double[] withZero(double[] eps) {
        double[] g = new double[eps.length + 1];
        System.arraycopy(eps, 0, g, 1, eps.length);
        return g;
    }

    @Override
    public ReportContributor contributor() {
        return new DeepEvidence();
    }
}
