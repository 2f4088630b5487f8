package tradeoffs.cli;

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
import tradeoffs.io.Manifest;
import tradeoffs.io.TableSink;
import tradeoffs.simulation.montecarlo.DataModel;
import tradeoffs.simulation.montecarlo.SimulationRequest;
import tradeoffs.simulation.montecarlo.SimulationRun;

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
        Manifest m = CommandManifest.of(spec);
        TableSink sink = output.sink(spec);
        int nThreads = threads.threads();
        double[] grid = eps.atLeast("eps", 0).values();
        DataModel data = model.model();
        SimulationRequest request = new SimulationRequest(
                data.scenario(etaTest),
                norms.norms(),
                grid,
                n,
                nTest == null ? n : nTest,
                reps,
                seed,
                includeUncertified,
                kinkCheck);
        SimulationRun.write(request, data, etaTest, eps, nThreads, sink, m);
        return 0;
    }
}
