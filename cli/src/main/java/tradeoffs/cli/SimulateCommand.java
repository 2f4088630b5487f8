package tradeoffs.cli;

import static tradeoffs.io.schema.ColumnNames.Z;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.cli.option.ModelOptions;
import tradeoffs.cli.option.NormsOption;
import tradeoffs.cli.option.TableOutput;
import tradeoffs.cli.option.ThreadsOption;
import tradeoffs.io.Grid;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;
import tradeoffs.io.ResultTable;
import tradeoffs.report.evidence.ZScores;
import tradeoffs.simulation.montecarlo.MonteCarlo;
import tradeoffs.simulation.montecarlo.MonteCarloJson;
import tradeoffs.simulation.montecarlo.MonteCarloResult;
import tradeoffs.simulation.montecarlo.MonteCarloSpec;
import tradeoffs.simulation.montecarlo.MonteCarloTable;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * {@code tradeoffs simulate}: Monte Carlo of finite-sample adversarial training beside the
 * theory values (docs/simulation.md): for each norm and ε, {@code --reps} repetitions at sample
 * size {@code --n}, each quantity's mean, standard error, 95% interval and z-score against the
 * closed form.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Monte Carlo of finite-sample adversarial training (THEORY.md 1.8) beside",
            "the closed forms: mean, standard error, 95%% interval and z-score of the",
            "weights, spurious reliance and the standard, adversarial and shifted-domain",
            "risks (on held-out samples). See docs/simulation.md."},
        footer = {"", "Examples:",
            "  tradeoffs simulate --norm l1,l2,linf --eps 0.1,0.5 --reps 200 \\",
            "      --eta-test -0.5",
            "  tradeoffs simulate --sigma-spurious 4 --norm linf --eps 0:1:0.25 \\",
            "      --reps 50 --threads 2 --out sim.csv",
            "", "CSV columns: model parameters, norm, eps, n, n_test, reps, quantity,",
            "  theory, mean, se, ci_low, ci_high, z, max_rel_gap (the largest relative",
            "  duality gap of the finite-sample solves). Results depend only on --seed,",
            "  never on --threads."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    NormsOption norms = new NormsOption();

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class,
            description = "attack radius eps >= 0 of the lp ball around x, in the units of the features x: one value, "
                    + "a fraction such as 1/4, a comma list or start:stop:step (default: ${DEFAULT-VALUE})")
    Grid eps = Grid.parse("eps", "0.1,0.3,0.5");

    @Option(names = "--eta-test", paramLabel = "ETA", description = "spurious correlation eta' of a shifted test domain, in (-1, 1)")
    Double etaTest;

    @Option(names = "--n", paramLabel = "N", description = "training sample size, >= 2 and >= the number of features (default: ${DEFAULT-VALUE})")
    int n = 10_000;

    @Option(names = "--n-test", paramLabel = "N", description = "held-out sample size for the risks, >= 1 (default: --n)")
    Integer nTest;

    @Option(names = "--reps", paramLabel = "R", description = "repetitions >= 2 (default: ${DEFAULT-VALUE})")
    int reps = 200;

    @Option(names = "--seed", paramLabel = "S", description = "run seed; with the grid point it decides every random stream (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--include-uncertified", description = "keep repetitions whose finite-sample fit is not certified "
            + "(relative duality gap above 1e-9) in the means; by default they are left out, counted in the uncertified "
            + "column and reported in a warning")
    boolean includeUncertified;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    TableOutput output = new TableOutput();

    @Override
    public Integer call() {
        Manifest started = CommandManifest.of(spec);
        output.validate();
        boolean csv = output.csv();
        int nThreads = threads.threads();
        ParameterException.requireAtLeast("reps", reps, 2);
        List<LpNorm> attacks = norms.norms();
        for (LpNorm a : attacks) {
            if (!(a.isOne() || a.isTwo() || a.isInfinity())) {
                throw new ParameterException("norm", "must be l1, l2 or linf for simulation", "'" + a.name() + "'");
            }
        }
        double[] grid = eps.atLeast("eps", 0).values();
        Scenario scenario = model.scenario(etaTest);
        if (n < Math.max(2, scenario.train().dim())) {
            throw new ParameterException("n", "must be >= 2 and >= the number of features " + scenario.train().dim(), n);
        }
        int testSize = nTest == null ? n : nTest;
        if (nTest != null) {
            ParameterException.requireAtLeast("n_test", nTest, 1);
        }
        List<MonteCarloSpec> specs = new ArrayList<>();
        for (LpNorm a : attacks) {
            for (double e : grid) {
                specs.add(new MonteCarloSpec(scenario, a, e, n, testSize, reps, seed, specs.size()));
            }
        }
        MonteCarlo.requireFits(specs);
        PrintWriter err = spec.commandLine().getErr();
        err.printf("simulate: %d points x %d repetitions at n = %d on %d thread(s)%n", specs.size(), reps, n, nThreads);
        err.flush();
        long t0 = System.nanoTime();
        List<MonteCarloResult> results = MonteCarlo.runAll(specs, nThreads, Progress.lines(err), includeUncertified);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ResultTable table = MonteCarloTable.of(results);
        String text = csv ? table.toCsv() : json(results, seconds);
        output.emit(spec, text, table.size(), output.out() == null ? null : manifest(started, seconds, nThreads));
        err.println(summary(table, seconds));
        err.flush();
        return 0;
    }

    static String summary(ResultTable table, double seconds) {
        ZScores z = ZScores.of(table.doubles(Z));
        return String.format(Locale.ROOT, "simulate: %d estimates, max |z| = %.2f, %d with |z| > 2 (%.1f%%), %.1f s", z.count(),
                z.count() == 0 ? 0.0 : z.maxAbs(), z.over2(), z.count() == 0 ? 0.0 : z.percentOver2(), seconds);
    }

    private String json(List<MonteCarloResult> results, double seconds) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("command", "simulate");
        root.put("model", model.describe());
        if (etaTest != null) {
            root.put("eta_test", etaTest);
        }
        root.put("n", n);
        root.put("reps", reps);
        root.put("seed", seed);
        root.put("points", MonteCarloJson.points(results));
        root.put("seconds", seconds);
        return Json.write(root);
    }

    private Manifest manifest(Manifest m, double seconds, int nThreads) {
        model.describe().forEach(m::parameter);
        m.parameter("norm", norms.describe());
        m.parameter("eps", eps.text());
        if (etaTest != null) {
            m.parameter("eta_test", etaTest);
        }
        m.parameter("n", n);
        m.parameter("n_test", nTest == null ? n : nTest);
        m.parameter("reps", reps);
        m.parameter("threads", nThreads);
        m.parameter("include_uncertified", includeUncertified);
        m.seed(seed);
        m.timing("compute_seconds", seconds);
        m.put("provenance", Map.of("method", "finite-sample adversarial training, THEORY.md 1.8 [paper]; theory values THEORY.md 1.3-1.7 [derived]"));
        return m;
    }
}
