package tradeoffs.cli;

import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import tradeoffs.cli.option.CommandManifest;
import tradeoffs.io.BuildInfo;

/**
 * The {@code tradeoffs} command. Exit codes: 0 success, 1 failure, 2 bad input (the message names
 * the parameter and the allowed range). It records when the run started, before parsing, so every
 * command's manifest times the whole run ({@link CommandManifest}).
 *
 * <p>{@code --help} and {@code --version} are declared here once and inherited by every subcommand
 * ({@code scope = INHERIT}); a subcommand does not declare {@code mixinStandardHelpOptions} again
 * (same help text, and a quarter less picocli set-up in every run).
 */
@Command(
        name = "tradeoffs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        scope = ScopeType.INHERIT,
        description = "Tradeoffs between adversarial robustness and robustness to natural distribution shift.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable, CommandManifest.Start {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    /** Builds the command line with every subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setParameterExceptionHandler(Errors::onParameterException);
        cl.setExecutionExceptionHandler(Errors::onExecutionException);
        return cl;
    }

    /** Runs the command and returns its exit code (no {@link System#exit}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * {@code --version} (of every command): this build's version, the git commit it was built from,
     * the DJL and PyTorch versions of the build and the Java runtime. Loads no engine.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.current().versionLines();
        }
    }
}
