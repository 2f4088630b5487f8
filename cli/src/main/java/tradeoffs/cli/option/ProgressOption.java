package tradeoffs.cli.option;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tradeoffs.io.Progress;

/**
 * {@code --quiet} (a picocli mixin of the commands that run long): where their progress goes.
 * The decision is made here, once: nothing with {@code --quiet}; a bar with rate and time left on
 * standard error when it is a terminal; plain lines every 10% or 10 seconds otherwise (logs,
 * pipes, CI). Results, warnings and errors are printed either way.
 */
public final class ProgressOption {
    @Option(
            names = {"-q", "--quiet"},
            description = "no progress output (bars, progress lines); results, warnings and errors still print")
    boolean quiet;

    /** Whether {@code --quiet} was given. */
    public boolean quiet() {
        return quiet;
    }

    /** Where {@code spec}'s command shows progress and progress messages (its standard error). */
    public Progress.Output output(CommandSpec spec) {
        return Progress.Output.forStderr(spec.commandLine().getErr(), quiet);
    }
}
