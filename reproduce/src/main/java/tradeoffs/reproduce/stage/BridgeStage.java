package tradeoffs.reproduce.stage;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.Seeds;
import tradeoffs.deep.bridge.BridgePoint;
import tradeoffs.deep.bridge.LinearBridge;
import tradeoffs.deep.bridge.RegressionPgd;
import tradeoffs.deep.bridge.RegressionTrainConfig;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.BridgeEvidence;
import tradeoffs.reproduce.Profile;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;
import tradeoffs.theory.regression.CoreSpuriousModel;

/**
 * The bridge part of {@code reproduce}: theory vs DJL-trained linear models. For each setting
 * (ℓ1 and ℓ2 on the default model σ_s = 1; ℓ∞ with σ_s = 1.25, where σ_s·η = 0.75 ≤ σ_c, and
 * σ_s = 4, where σ_s·η = 2.4 &gt; σ_c; always σ_c = 1, η = 0.6, σ_n = 0.5) and each ε of the grid,
 * trains {@code reps} linear regressors with DJL PGD adversarial training ({@link LinearBridge}) on
 * fresh samples of size n and writes {@code bridge_linear.csv}: the theory's population weights and
 * reliance (docs/math.md §4 and §5.1) beside the trained ones (mean and standard error over repetitions).
 * The table's {@code optimisation_allowance} column is {@link LinearBridge#OPTIMISATION_ALLOWANCE},
 * how far the trained weights may be from the exact empirical minimiser: {@link BridgeEvidence}
 * reads it from there when it turns the table into deep-level evidence for claims 1 and 2.
 *
 * <p>Streams: repetition r of grid point k trains on the simulation sampler's stream
 * (seed, k, r, TRAIN) with training seed derived from (seed, k). Trainings run one at a time (DJL
 * allows one gradient collector per process), so {@code --threads} does not change the work.
 * Quick profile: n = 1000, 4 repetitions, ε ∈ {0, 0.1, 0.2, 0.3, 0.5}, 80 trainings (16 s measured on
 * the shared 2-core machine, docs/bridge.md); full: n = 4000, 10 repetitions, ε from 0 to 0.5 in
 * steps of 0.05, 440 trainings (54 s measured).
 */
public final class BridgeStage implements ReproduceStage {
    /** σ_c, η and σ_n of every setting. */
    static final double SIGMA_CORE = 1.0;

    static final double ETA = 0.6;
    static final double NOISE = 0.5;
    /** The Seeds stream of grid point k's training seed. */
    private static final long TRAIN_STREAM = 0xB41D6EL;

    /** The sizes of one profile. */
    public record Plan(int n, int reps, double[] eps) {}

    /** One curve of the grid: an attack norm on a model with spurious scale σ_s. */
    public record Setting(PerturbationNorm norm, double sigmaSpurious) {
        /** The core/spurious model of this setting. */
        public CoreSpuriousModel model() {
            return CoreSpuriousModel.twoFeature(SIGMA_CORE, sigmaSpurious, ETA, NOISE);
        }
    }

    public static final List<Setting> SETTINGS = List.of(
            new Setting(PerturbationNorm.L1, 1.0),
            new Setting(PerturbationNorm.L2, 1.0),
            new Setting(PerturbationNorm.LINF, 1.25),
            new Setting(PerturbationNorm.LINF, 4.0));

    /** The sizes of a profile. */
    public static Plan plan(Profile p) {
        if (p == Profile.QUICK) {
            return new Plan(1000, 4, new double[] {0, 0.1, 0.2, 0.3, 0.5});
        }
        double[] eps = new double[11];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = i / 20.0; // i * 0.05 would print 0.15000000000000002
        }
        return new Plan(4000, 10, eps);
    }

    private final Plan fixedPlan;

    /** The stage with the profile's sizes (what {@code reproduce} uses). */
    public BridgeStage() {
        this(null);
    }

    /** The stage with explicit sizes (tests). */
    public BridgeStage(Plan plan) {
        this.fixedPlan = plan;
    }

    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public void run(ReproduceContext ctx) {
        Plan plan = fixedPlan != null ? fixedPlan : plan(ctx.profile());
        Computed c = compute(plan, ctx.seed(), SETTINGS, ctx.progress());
        c.table().writeCsv(ctx.outDir().resolve(TableNames.file(TableNames.BRIDGE_LINEAR)));
        RegressionTrainConfig t = RegressionTrainConfig.defaults(plan.n(), ctx.seed());
        ctx.manifest()
                .parameter("bridge.n", plan.n())
                .parameter("bridge.reps", plan.reps())
                .parameter("bridge.eps", plan.eps())
                .parameter("bridge.epochs", t.epochs())
                .parameter("bridge.batch_size", t.batchSize())
                .parameter("bridge.learning_rate", t.learningRate())
                .parameter("bridge.pgd_steps", t.pgdSteps())
                .put(POINT_SECONDS, c.pointSeconds());
    }

    /** The manifest entry with each grid point's training time (the table holds no wall-clock time). */
    public static final String POINT_SECONDS = "bridge_point_seconds";

    /**
     * The bridge table and each row's training wall time in seconds (norm, sigma_spurious, eps,
     * seconds), which goes to the manifest: tables are the same bytes for the same seed, and
     * older tables that still have a {@code seconds} column are read as before (no reader uses it).
     */
    public record Computed(ResultTable table, List<Map<String, Object>> pointSeconds) {}

    /** The bridge table for {@code settings} × the plan's ε grid (progress on {@code shown}). */
    public static Computed compute(Plan plan, long seed, List<Setting> settings, Progress.Output shown) {
        ResultTable.Builder b = ResultTable.builder(
                NORM,
                EPS,
                ColumnNames.SIGMA_CORE,
                SIGMA_SPURIOUS,
                ColumnNames.ETA,
                ColumnNames.NOISE,
                N,
                REPS,
                theory(W_CORE),
                theory(W_SPURIOUS),
                theory(RELIANCE),
                deep(W_CORE),
                se(deep(W_CORE)),
                deep(W_SPURIOUS),
                se(deep(W_SPURIOUS)),
                deep(RELIANCE),
                se(deep(RELIANCE)),
                OBJECTIVE_DEEP,
                OPTIMISATION_ALLOWANCE);
        List<Map<String, Object>> seconds = new ArrayList<>();
        try (Progress progress = shown.start("bridge", (long) settings.size() * plan.eps().length, "points")) {
            long point = 0;
            for (Setting s : settings) {
                CoreSpuriousModel model = s.model();
                for (double eps : plan.eps()) {
                    RegressionTrainConfig config =
                            RegressionTrainConfig.defaults(plan.n(), Seeds.of(seed, TRAIN_STREAM, point));
                    BridgePoint p = LinearBridge.run(
                            model,
                            RegressionPgd.of(s.norm(), eps, config.pgdSteps()),
                            config,
                            plan.reps(),
                            BridgeSamples.source(model, plan.n(), seed, point));
                    double objective = 0;
                    for (double f : p.objectives()) {
                        objective += f / p.reps();
                    }
                    b.row(
                            s.norm().id(),
                            eps,
                            SIGMA_CORE,
                            s.sigmaSpurious(),
                            ETA,
                            NOISE,
                            plan.n(),
                            plan.reps(),
                            p.theoryCore(),
                            p.theorySpurious(),
                            p.theoryReliance(),
                            p.deepCore().mean(),
                            p.deepCore().standardError(),
                            p.deepSpurious().mean(),
                            p.deepSpurious().standardError(),
                            p.deepReliance().mean(),
                            p.deepReliance().standardError(),
                            objective,
                            LinearBridge.OPTIMISATION_ALLOWANCE);
                    Map<String, Object> time = new LinkedHashMap<>();
                    time.put(NORM, s.norm().id());
                    time.put(SIGMA_SPURIOUS, s.sigmaSpurious());
                    time.put(EPS, eps);
                    time.put("seconds", p.seconds());
                    seconds.add(time);
                    point++;
                    progress.step();
                }
            }
        }
        return new Computed(b.build(), seconds);
    }

    @Override
    public ReportContributor contributor() {
        return new BridgeEvidence();
    }
}
