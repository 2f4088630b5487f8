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
@Command(name = "simulate", sortOptions = false, resourceBundle = "tradeoffs.cli.help.simulate")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    NormsOption norms = new NormsOption();

    @Option(names = "--eps", paramLabel = "GRID", converter = GridConverter.class)
    Grid eps = Grid.parse("eps", "0.1,0.3,0.5");

    @Option(names = "--eta-test", paramLabel = "ETA")
    Double etaTest;

    @Option(names = "--n", paramLabel = "N")
    int n = 10_000;

    @Option(names = "--n-test", paramLabel = "N")
    Integer nTest;

    @Option(names = "--reps", paramLabel = "R")
    int reps = 200;

    @Option(names = "--seed", paramLabel = "S")
    long seed = 1;

    @Option(names = "--include-uncertified")
    boolean includeUncertified;

    @Option(names = "--kink-check", negatable = true, defaultValue = "true", fallbackValue = "true")
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
