package tradeoffs.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import tradeoffs.theory.ParameterException;

/**
 * Maps failures to exit codes and one-line messages. Bad input (a picocli parameter error or an
 * {@link IllegalArgumentException} raised by a record's validation) is exit code 2 with the
 * message alone; anything else is exit code 1. No stack traces unless TRADEOFFS_DEBUG is set.
 */
final class Errors {
    private Errors() {
    }

    static int onParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        err.println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return Main.BAD_INPUT;
    }

    static int onExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (System.getenv("TRADEOFFS_DEBUG") != null) {
            e.printStackTrace(err);
        }
        Throwable t = e;
        if (t instanceof ParameterException p) {
            // The library names the parameter in the model's words; report the flag x_y -> --x-y when
            // the command has it (a stop-gap until the command line's own mapping lands).
            String flag = "--" + p.parameter().replace('_', '-');
            err.println("error: " + (cl.getCommandSpec().findOption(flag) != null ? p.messageAs(flag) : p.getMessage()));
            err.flush();
            return Main.BAD_INPUT;
        }
        if (t instanceof IllegalArgumentException) {
            err.println("error: " + t.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u;
        }
        err.println("failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
        err.flush();
        return 1;
    }
}
