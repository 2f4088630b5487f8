package tradeoffs.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.theory.ParameterException;

/**
 * Maps failures to exit codes and one-line messages. Bad input is exit code 2 with the message
 * alone: a picocli parameter error (a grid that does not parse names its flag), a library's
 * {@link ParameterException} with the parameter renamed to the flag the user typed
 * ({@link #flagOf}), or an {@link IllegalArgumentException} raised by a record's validation.
 * Anything else is exit code 1. No stack traces unless TRADEOFFS_DEBUG is set.
 */
final class Errors {
    private Errors() {}

    static int onParameterException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String message = e.getMessage();
        if (e.getCause() instanceof CommandLine.TypeConversionException c && e.getArgSpec() instanceof OptionSpec o) {
            message = o.longestName() + " " + c.getMessage(); // e.g. "--eps step must be > 0 (got '0:1:0')"
        }
        err.println("error: " + message);
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
            err.println("error: " + p.messageAs(flagOf(cl.getCommandSpec(), p.parameter())));
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

    /**
     * The flag of {@code command} that sets {@code parameter}: the mapping of the command or of one
     * of its mixins ({@link ParameterFlags}) first, else {@code --x-y} for {@code x_y} when the
     * command has that option, else the parameter's own name (a quantity the user did not type
     * directly).
     */
    static String flagOf(CommandSpec command, String parameter) {
        List<Object> owners = new ArrayList<>();
        owners.add(command.userObject());
        command.mixins().values().forEach(m -> owners.add(m.userObject()));
        for (Object o : owners) {
            if (o instanceof ParameterFlags f && f.parameterFlags().containsKey(parameter)) {
                return f.parameterFlags().get(parameter);
            }
        }
        String flag = "--" + parameter.toLowerCase(Locale.ROOT).replace('_', '-');
        return command.findOption(flag) != null ? flag : parameter;
    }
}
