package tradeoffs.cli.option;

import java.util.Map;

/**
 * Implemented by a command (or one of its mixins) whose flags are not the library parameters' names with dashes (the
 * default mapping {@code x_y} → {@code --x-y}): which flag each such parameter comes from, so a
 * library's ParameterException is reported under the flag the user typed.
 */
public interface ParameterFlags {
    /** Parameter in the model's words → the flag, e.g. {@code "learning_rate" → "--lr"}. */
    Map<String, String> parameterFlags();
}
