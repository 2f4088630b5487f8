package tradeoffs.theory;

import java.util.Map;

/**
 * Bad input to a library call, named in the model's words: the parameter ({@code "eps"},
 * {@code "n"}, {@code "steps"}, {@code "train_size"}), what it must satisfy, and the value given.
 * Every module throws this for out-of-range parameters, so no library message speaks in
 * command-line flags; the command line and the sweep config reader rename the parameter into the
 * user's words with {@link #renamed} (a flag such as {@code --eps}, a key such as {@code deep.eps}).
 *
 * <p>Parameter names are snake_case and, where one exists, equal to the sweep config key and to
 * the command-line flag without its dashes ({@code train_size} ↔ {@code --train-size}), so most
 * callers need no table of their own.
 */
public final class ParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String requirement;
    private final String got;

    /**
     * @param parameter the parameter in the model's words, e.g. {@code "eps"}
     * @param requirement what it must satisfy, e.g. {@code "must be >= 0"} or {@code "must be one of l1, l2, linf"}
     * @param got the value given (printed with {@link String#valueOf(Object)})
     */
    public ParameterException(String parameter, String requirement, Object got) {
        super(parameter + " " + requirement + " (got " + String.valueOf(got) + ")");
        this.parameter = parameter;
        this.requirement = requirement;
        this.got = String.valueOf(got);
    }

    /** The parameter in the model's words. */
    public String parameter() {
        return parameter;
    }

    /** What the parameter must satisfy, without its name, e.g. {@code "must be >= 1"}. */
    public String requirement() {
        return requirement;
    }

    /** The value given, as text. */
    public String got() {
        return got;
    }

    /** The message with the parameter called {@code name} (a flag or a config key) instead. */
    public String messageAs(String name) {
        return name + " " + requirement + " (got " + got + ")";
    }

    /**
     * The same failure in the caller's words: {@code names} maps parameters to what the user typed;
     * an unmapped parameter keeps its name.
     */
    public ParameterException renamed(Map<String, String> names) {
        String n = names.get(parameter);
        if (n == null) {
            return this;
        }
        ParameterException e = new ParameterException(n, requirement, got);
        e.initCause(this);
        return e;
    }

    /** Throws unless {@code value >= min}. */
    public static void requireAtLeast(String parameter, long value, long min) {
        if (value < min) {
            throw new ParameterException(parameter, "must be >= " + min, value);
        }
    }

    /** Throws unless {@code value} is finite and {@code >= 0}. */
    public static void requireNonNegative(String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new ParameterException(parameter, "must be a finite number >= 0", value);
        }
    }

    /** Throws unless {@code value} is finite and {@code > 0}. */
    public static void requirePositive(String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ParameterException(parameter, "must be a finite number > 0", value);
        }
    }

    /** Throws unless {@code lo <= value <= hi}. */
    public static void requireInRange(String parameter, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new ParameterException(parameter, "must be in [" + lo + ", " + hi + "]", value);
        }
    }
}
