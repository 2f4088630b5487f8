package tradeoffs.cli.option;

import picocli.CommandLine.Option;
import tradeoffs.theory.ParameterException;

/** {@code --threads N} (a picocli mixin): worker threads; results never depend on it. */
public final class ThreadsOption {
    /** The most threads a run starts (more than any machine's cores; a typo such as 100000 would exhaust native threads). */
    public static final int MAX_THREADS = 1024;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "worker threads, 1.." + MAX_THREADS + " (results do not depend on it; default: available cores)")
    Integer threads;

    /** The thread count, in [1, {@value #MAX_THREADS}] (default: the available cores). */
    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1 || n > MAX_THREADS) {
            throw new ParameterException("threads", "must be in [1, " + MAX_THREADS + "]", n);
        }
        return n;
    }
}
