package tradeoffs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tradeoffs} command. Exit codes: 0 success, 1 failure, 2 bad input (the message names
 * the parameter and the allowed range).
 */
@Command(name = "tradeoffs", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Tradeoffs between adversarial robustness and robustness to natural distribution shift.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tradeoffs " + tradeoffs.io.Manifest.version()};
        }
    }
}
