package tradeoffs.cli.option;

import picocli.CommandLine.Option;
import tradeoffs.theory.ParameterException;

/** {@code --threads N} (a picocli mixin): worker threads; results never depend on it. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "worker threads (results do not depend on it; default: available cores)")
    Integer threads;

    /** The thread count, at least 1 (default: the available cores). */
    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ParameterException.requireAtLeast("threads", n, 1);
        return n;
    }
}
