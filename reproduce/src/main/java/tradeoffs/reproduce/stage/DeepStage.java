package tradeoffs.reproduce.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.device.DeviceChoice;
import tradeoffs.deep.eval.DeepSweep;
import tradeoffs.deep.eval.EpochRobustness;
import tradeoffs.deep.eval.ModelEvaluation;
import tradeoffs.deep.eval.Regime;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.Progress;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;
import tradeoffs.io.schema.TableNames;
import tradeoffs.report.Level;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.evidence.DeepEvidence;
import tradeoffs.report.evidence.DeepMethodsEvidence;
import tradeoffs.report.evidence.DeepShiftEvidence;
import tradeoffs.report.evidence.DeepSpuriousBenefitEvidence;
import tradeoffs.reproduce.ReproduceContext;
import tradeoffs.reproduce.ReproduceStage;

/**
 * The deep part of {@code reproduce}: the CNNs of {@link DeepPlan} (standard vs ℓ2- vs ℓ∞-adversarial
 * training on the two contrast benchmarks, the scale-ratio benchmarks and the uncorrelated one), each
 * regime trained with several training seeds. Tables: deep_training, deep_reliance, deep_robust (see
 * {@link DeepSweep}), deep_shift (accuracy at shifted ρ′), deep_robust_shift (robust accuracy of the
 * uncorrelated models on the correlated test images), each led by DeepSweep's columns, then
 * {@code rho}, {@code scale_ratio} and {@code replicate}; and deep_settings (one row per benchmark:
 * everything it was trained and measured with). Checkpoints under {@code deep/models/}. The quick
 * profile was sized to stay inside 15 minutes on two CPU cores (docs/deep.md gives the measured
 * time).
 */
public final class DeepStage implements ReproduceStage {
    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 2e-3;
    private static final double[] RFS_SIGMAS = {0.1, 0.25, 0.5};

    /**
     * System property: a comma list of the roles to run (main, scale_ratio, uncorrelated, methods);
     * all when unset. For measuring one setting alone, e.g. {@code -Dtradeoffs.deep.roles=methods}.
     */
    public static final String ROLES_PROPERTY = "tradeoffs.deep.roles";

    private final DeepPlan fixedPlan;
    private final Set<String> roles;

    /** The stage with the profile's plan (what {@code reproduce} uses). */
    public DeepStage() {
        this(null);
    }

    /** The stage with an explicit plan (tests). */
    public DeepStage(DeepPlan plan) {
        this(plan, null);
    }

    /** The stage with an explicit plan, running only the settings of {@code roles} (null: all). */
    public DeepStage(DeepPlan plan, Set<String> roles) {
        this.fixedPlan = plan;
        this.roles = roles == null ? null : Set.copyOf(roles);
    }

    private Set<String> roles() {
        if (roles != null) {
            return roles;
        }
        String p = System.getProperty(ROLES_PROPERTY);
        return p == null || p.isBlank() ? null : Set.of(p.trim().split("\\s*,\\s*"));
    }

    @Override
    public String name() {
        return "deep";
    }

    @Override
    public void run(ReproduceContext ctx) {
        DeepPlan plan = fixedPlan != null ? fixedPlan : DeepPlan.of(ctx.profile());
        Path dir = ctx.outDir().resolve("deep");
        List<Long> trainSeeds = new ArrayList<>();
        for (int r = 0; r < plan.replicates(); r++) {
            trainSeeds.add(DeepSweep.trainSeed(ctx.seed(), r));
        }
        Map<String, List<ResultTable>> tables = new LinkedHashMap<>();
        Set<String> only = roles();
        List<DeepPlan.Setting> settings = plan.settings().stream()
                .filter(s -> only == null || only.contains(s.role()))
                .toList();
        int models = settings.stream()
                .mapToInt(s -> s.regimes().size() * plan.replicates(s))
                .sum();
        try (Progress progress = ctx.progress().start("deep", models, "models")) {
            for (DeepPlan.Setting s : settings) {
                boolean methods = s.role().equals(DeepPlan.METHODS);
                for (int r = 0; r < plan.replicates(s); r++) {
                    DeepSweep.Spec spec = spec(plan, s, ctx.seed(), DeepSweep.trainSeed(ctx.seed(), r));
                    DeepSweep.Tables t = DeepSweep.run(
                            spec,
                            dir,
                            line -> {
                                if (line.endsWith(": background reliance")) {
                                    progress.step();
                                }
                            },
                            ProgressListener.NONE,
                            DeepSweep.defaultWorkers(spec),
                            s.evaluations(),
                            methods ? plan.methods().perEpoch() : null);
                    BenchmarkParams b = s.params();
                    int rep = r;
                    if (methods) {
                        add(tables, TableNames.DEEP_METHODS_TRAINING, withSetting(t.training(), b, rep));
                        add(tables, TableNames.DEEP_METHODS_ROBUST, withSetting(t.robust(), b, rep));
                        add(tables, TableNames.DEEP_METHODS_UNION, withSetting(t.union(), b, rep));
                        add(tables, TableNames.DEEP_METHODS_EPOCHS, withSetting(t.epochs(), b, rep));
                        continue;
                    }
                    add(tables, TableNames.DEEP_TRAINING, withSetting(t.training(), b, rep));
                    add(tables, TableNames.DEEP_RELIANCE, withSetting(t.reliance(), b, rep));
                    add(tables, TableNames.DEEP_ROBUST, withSetting(t.robust(), b, rep));
                    t.extra().forEach((name, table) -> add(tables, name, withSetting(table, b, rep)));
                }
            }
        }
        tables.forEach(
                (name, list) -> DeepSweep.concat(list).writeCsv(ctx.outDir().resolve(TableNames.file(name))));
        settingsTable(plan, settings).writeCsv(ctx.outDir().resolve(TableNames.file(TableNames.DEEP_SETTINGS)));
        ctx.manifest()
                .parameter("deep.image_size", plan.imageSize())
                .parameter("deep.train_size", plan.trainSize())
                .parameter("deep.test_size", plan.testSize())
                .parameter("deep.epochs", plan.epochs())
                .parameter("deep.train_steps", plan.trainSteps())
                .parameter("deep.eval_steps", plan.evalSteps())
                .parameter("deep.restarts", plan.restarts())
                .parameter("deep.replicates", plan.replicates())
                .parameter("deep.train_seeds", trainSeeds)
                .parameter("deep.models", models)
                .parameter(
                        "deep.benchmarks",
                        settings.stream().map(DeepPlan.Setting::label).toList());
        if (plan.methods() != null && settings.stream().anyMatch(s -> s.role().equals(DeepPlan.METHODS))) {
            ctx.manifest()
                    .parameter(
                            "deep.methods",
                            plan.methods().regimes().stream()
                                    .map(Regime::describe)
                                    .toList())
                    .parameter("deep.methods.replicates", plan.methods().replicates())
                    .parameter("deep.methods.epoch_images", plan.methods().epochImages());
        }
    }

    private static DeepSweep.Spec spec(DeepPlan plan, DeepPlan.Setting s, long seed, long trainSeed) {
        return new DeepSweep.Spec(
                s.label(),
                s.params(),
                seed,
                plan.trainSize(),
                plan.testSize(s),
                Architecture.CNN,
                plan.epochs(),
                BATCH,
                LEARNING_RATE,
                plan.trainSteps(),
                s.regimes(),
                s.evalEps(),
                plan.evalSteps(),
                plan.restarts(),
                null,
                RFS_SIGMAS,
                DeviceChoice.AUTO.resolve(),
                trainSeed);
    }

    private static void add(Map<String, List<ResultTable>> tables, String name, ResultTable t) {
        tables.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
    }

    /**
     * The table with the benchmark's {@code rho} and {@code scale_ratio} and the {@code replicate}
     * inserted right after {@link DeepSweep#LEADING}.
     */
    static ResultTable withSetting(ResultTable t, BenchmarkParams b, int replicate) {
        int at = DeepSweep.LEADING.size();
        List<String> cols = new ArrayList<>(t.columns());
        cols.addAll(at, List.of(ColumnNames.RHO, ColumnNames.SCALE_RATIO, ColumnNames.REPLICATE));
        List<String> extra =
                List.of(Double.toString(b.rho()), Double.toString(b.scaleRatio()), Integer.toString(replicate));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : t.rows()) {
            List<String> row = new ArrayList<>(r);
            row.addAll(at, extra);
            rows.add(row);
        }
        return new ResultTable(cols, rows);
    }

    /** One row per benchmark: the image, the benchmark, the training and the measurements. */
    static ResultTable settingsTable(DeepPlan plan, List<DeepPlan.Setting> settings) {
        ResultTable.Builder t = ResultTable.builder(
                ColumnNames.BENCHMARK,
                ColumnNames.ROLE,
                ColumnNames.IMAGE_SIZE,
                ColumnNames.CLASSES,
                ColumnNames.RHO,
                ColumnNames.FG_CONTRAST,
                ColumnNames.BG_CONTRAST,
                ColumnNames.SCALE_RATIO,
                ColumnNames.TRAIN_IMAGES,
                ColumnNames.TEST_IMAGES,
                ColumnNames.EPOCHS,
                ColumnNames.REPLICATES,
                ColumnNames.TRAIN_REGIMES,
                ColumnNames.ATTACK_STEPS,
                ColumnNames.EVAL_EPS,
                ColumnNames.EVAL_ATTACK_STEPS,
                ColumnNames.EVAL_RESTARTS,
                ColumnNames.MEASURES);
        for (DeepPlan.Setting s : settings) {
            BenchmarkParams b = s.params();
            StringJoiner regimes = new StringJoiner(" ");
            s.regimes().forEach(r -> regimes.add(r.describe()));
            StringJoiner eps = new StringJoiner(" ");
            Map<PerturbationNorm, double[]> grid = s.evalEps();
            grid.forEach((norm, e) -> eps.add(norm.id() + ":" + join(e)));
            StringJoiner measures = new StringJoiner(" ");
            boolean methods = s.role().equals(DeepPlan.METHODS);
            if (!methods) {
                measures.add(
                        "reliance(" + new ShiftedBackgrounds(b, 0).groupSplitSize(plan.testSize()) + " group images)");
            }
            if (!grid.isEmpty()) {
                measures.add("robust(pgd-ce+beta)");
            }
            if (methods) {
                EpochRobustness e = plan.methods().perEpoch();
                measures.add("union");
                measures.add(String.format(
                        java.util.Locale.ROOT,
                        "per-epoch(pgd-ce-%s:%s,%d steps,%d images)",
                        e.norm().id(),
                        e.eps(),
                        e.steps(),
                        e.images()));
            }
            for (ModelEvaluation e : s.evaluations()) {
                measures.add(e.table());
            }
            t.row(
                    s.label(),
                    s.role(),
                    b.imageSize(),
                    b.numClasses(),
                    b.rho(),
                    b.foregroundContrast(),
                    b.backgroundContrast(),
                    b.scaleRatio(),
                    plan.trainSize(),
                    plan.testSize(s),
                    plan.epochs(),
                    plan.replicates(s),
                    regimes.toString(),
                    plan.trainSteps(),
                    eps.toString(),
                    plan.evalSteps(),
                    plan.restarts(),
                    measures.toString());
        }
        return t.build();
    }

    private static String join(double[] xs) {
        StringJoiner j = new StringJoiner(",");
        for (double x : xs) {
            j.add(Double.toString(x));
        }
        return j.toString();
    }

    @Override
    public ReportContributor contributor() {
        return ReportContributor.combine(
                Level.DEEP_CNN,
                List.of(
                        new DeepEvidence(),
                        new DeepShiftEvidence(),
                        new DeepSpuriousBenefitEvidence(),
                        new DeepMethodsEvidence()));
    }
}
