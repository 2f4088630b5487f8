package tradeoffs.cli;

import static tradeoffs.io.schema.ColumnNames.NON_SMOOTH;
import static tradeoffs.io.schema.ColumnNames.Z;

import java.io.PrintWriter;
import java.nio.file.Path;
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
import tradeoffs.io.AtomicFiles;
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
import tradeoffs.simulation.montecarlo.NonSmoothCheck;
import tradeoffs.simulation.montecarlo.Scenario;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * {@code tradeoffs simulate}: Monte Carlo of finite-sample adversarial training beside the
 * theory values (docs/simulation.md): for each norm and ε, {@code --reps} repetitions at sample
 * size {@code --n}, each quantity's mean, standard error, 95% interval and z-score against the
 * closed form.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Monte Carlo of finite-sample adversarial training (docs/math.md 6.1) beside",
            "the closed forms: mean, standard error, 95%% interval and z-score of the",
            "weights, spurious reliance and the standard, adversarial and shifted-domain",
            "risks (on held-out samples). See docs/simulation.md."
        },
        footer = {
            "",
            "Examples:",
            "  tradeoffs simulate --norm l1,l2,linf --eps 0.1,0.5 --reps 200 \\",
            "      --eta-test -0.5",
            "  tradeoffs simulate --sigma-spurious 4 --norm linf --eps 0:1:0.25 \\",
            "      --reps 50 --threads 2 --out sim.csv",
            "",
            "CSV columns: model parameters, norm, eps, n, n_test, reps, quantity,",
            "  theory, mean, se, ci_low, ci_high, z, max_rel_gap (the largest relative",
            "  duality gap of the finite-sample solves), uncertified (fits left out of",
            "  the means), non_smooth (kink, nonnegative_zero or block_norm when the",
            "  population value sits at a non-smooth point, docs/math.md 7.4: there the",
            "  bias is O(n^-1/2) and z grows with --reps; a row with |z| > 4 is then run",
            "  at n/16 and n/4 and judged by how fast its bias shrinks, printed on",
            "  stderr and, with --out FILE, written to FILE.nonsmooth.csv).",
            "  Results depend only on --seed, never on --threads."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    NormsOption norms = new NormsOption();

    @Option(
            names = "--eps",
            paramLabel = "GRID",
            converter = GridConverter.class,
            description = "attack radius eps >= 0 of the lp ball around x, in the units of the features x: one value, "
                    + "a fraction such as 1/4, a comma list or start:stop:step (default: ${DEFAULT-VALUE})")
    Grid eps = Grid.parse("eps", "0.1,0.3,0.5");

    @Option(
            names = "--eta-test",
            paramLabel = "ETA",
            description = "spurious correlation eta' of a shifted test domain, in (-1, 1)")
    Double etaTest;

    @Option(
            names = "--n",
            paramLabel = "N",
            description = "training sample size, >= 2 and >= the number of features (default: ${DEFAULT-VALUE})")
    int n = 10_000;

    @Option(
            names = "--n-test",
            paramLabel = "N",
            description = "held-out sample size for the risks, >= 1 (default: --n)")
    Integer nTest;

    @Option(names = "--reps", paramLabel = "R", description = "repetitions >= 2 (default: ${DEFAULT-VALUE})")
    int reps = 200;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "run seed; with the grid point it decides every random stream (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(
            names = "--include-uncertified",
            description = "keep repetitions whose finite-sample fit is not certified "
                    + "(relative duality gap above 1e-9) in the means; by default they are left out, counted in the uncertified "
                    + "column and reported in a warning")
    boolean includeUncertified;

    @Option(
            names = "--kink-check",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "judge rows at non-smooth points with |z| > 4 by their bias at n/16, n/4 and n (docs/math.md 7.4; "
                            + "costs about 31%% of such a point; default: on)")
    boolean kinkCheck = true;

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
            throw new ParameterException(
                    "n",
                    "must be >= 2 and >= the number of features "
                            + scenario.train().dim(),
                    n);
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
        List<NonSmoothCheck.Check> checks =
                kinkCheck ? NonSmoothCheck.run(results, nThreads, Progress.lines(err), false) : List.of();
        double seconds = (System.nanoTime() - t0) / 1e9;
        ResultTable table = MonteCarloTable.of(results);
        ResultTable ladders = NonSmoothCheck.table(checks);
        String text = csv ? table.toCsv() : json(results, checks, seconds);
        if (output.out() != null && !checks.isEmpty()) {
            Path side = output.out().resolveSibling(output.out().getFileName() + ".nonsmooth.csv");
            AtomicFiles.writeString(side, ladders.toCsv());
        }
        output.emit(spec, text, table.size(), output.out() == null ? null : manifest(started, seconds, nThreads));
        err.println(summary(table, seconds));
        for (NonSmoothCheck.Check c : checks) {
            err.println(describe(c));
        }
        err.flush();
        return 0;
    }

    /**
     * One line: estimates, then |z| at smooth points and the rows at non-smooth points (docs/math.md
     * §7.4), whose z is not read as a test.
     */
    static String summary(ResultTable table, double seconds) {
        double[] all = table.doubles(Z);
        List<String> marks = table.strings(NON_SMOOTH);
        double[] smooth = java.util.stream.IntStream.range(0, all.length)
                .filter(i -> marks.get(i).isEmpty())
                .mapToDouble(i -> all[i])
                .toArray();
        long marked = marks.stream().filter(m -> !m.isEmpty()).count();
        long markedLarge = java.util.stream.IntStream.range(0, all.length)
                .filter(i -> !marks.get(i).isEmpty() && Math.abs(all[i]) > NonSmoothCheck.Z_LIMIT)
                .count();
        ZScores z = ZScores.of(smooth);
        return String.format(
                Locale.ROOT,
                "simulate: %d estimates; at smooth points max |z| = %.2f, %d with |z| > 2 (%.1f%%)"
                        + "; %d at non-smooth points (column non_smooth), %d of them with |z| > 4; %.1f s",
                ZScores.of(all).count(),
                z.count() == 0 ? 0.0 : z.maxAbs(),
                z.over2(),
                z.count() == 0 ? 0.0 : z.percentOver2(),
                marked,
                markedLarge,
                seconds);
    }

    /** "  linf eps=0.3 w_spurious (kink): z = 9.65; bias … at n = …: slope … [… , …], rate −0.5: converges (explained)". */
    static String describe(NonSmoothCheck.Check c) {
        MonteCarloSpec s = c.point().spec();
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "  %s eps=%s %s (%s): z = %.2f",
                s.attack().name(),
                s.eps(),
                c.quantity(),
                c.kind(),
                c.point().estimate(c.quantity()).z()));
        if (c.rungs().isEmpty()) {
            return b.append(String.format(
                            Locale.ROOT, "; not checked: n/16 < %d; NOT explained", NonSmoothCheck.MIN_RUNG))
                    .toString();
        }
        List<String> bias = new ArrayList<>();
        List<String> ns = new ArrayList<>();
        for (NonSmoothCheck.Rung r : c.rungs()) {
            bias.add(String.format(Locale.ROOT, "%.3g", r.bias()));
            ns.add(Integer.toString(r.n()));
        }
        return b.append(String.format(
                        Locale.ROOT,
                        "; bias %s at n = %s: slope %.2f [%.2f, %.2f], rate %.1f: %s",
                        String.join(", ", bias),
                        String.join(", ", ns),
                        c.slope(),
                        c.slopeLow(),
                        c.slopeHigh(),
                        c.rate(),
                        c.converges() ? "converges (explained)" : "does not converge (NOT explained)"))
                .toString();
    }

    private String json(List<MonteCarloResult> results, List<NonSmoothCheck.Check> checks, double seconds) {
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
        root.put("nonsmooth_checks", jsonRows(NonSmoothCheck.table(checks)));
        root.put("seconds", seconds);
        return Json.write(root);
    }

    /** A table's rows as maps; numbers as numbers, NaN and empty cells as null, true/false as booleans. */
    private static List<Map<String, Object>> jsonRows(ResultTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> row : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < row.size(); c++) {
                String v = row.get(c);
                Object o = v;
                if (v.isEmpty() || v.equals("NaN")) {
                    o = null;
                } else if (v.equals("true") || v.equals("false")) {
                    o = Boolean.parseBoolean(v);
                } else {
                    try {
                        o = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        o = v;
                    }
                }
                m.put(t.columns().get(c), o);
            }
            out.add(m);
        }
        return out;
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
        m.put(
                "provenance",
                Map.of(
                        "method",
                        "finite-sample adversarial training, docs/math.md 6.1 [paper]; theory values docs/math.md 2-5 [derived]; "
                                + "non-smooth points judged by bias ladders, docs/math.md 7.4 [derived]"));
        return m;
    }
}
