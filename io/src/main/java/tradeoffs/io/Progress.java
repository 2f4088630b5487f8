package tradeoffs.io;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of a long task with a known number of steps. On a terminal ({@link System#console()}
 * present) it redraws one bar line with a percentage and an estimate of the time left; otherwise
 * (logs, CI, pipes) it prints a plain line at most every 10% or every 30 seconds. Safe to call
 * from several threads.
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 28;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private long lastPrintedDone = -1;
    private long lastPrintNanos;
    private boolean closed;

    Progress(PrintStream out, String label, long total, boolean terminal, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0 (got " + total + ")");
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /** A sink for progress lines that prints each to {@code out} and flushes it at once. */
    public static java.util.function.Consumer<String> lines(java.io.PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    /** A bar on a terminal, plain lines otherwise; written to standard error. */
    public static Progress start(String label, long total) {
        return new Progress(System.err, label, total, System.console() != null, System::nanoTime);
    }

    /** Plain progress lines to {@code out} (what non-terminal output looks like). */
    public static Progress plain(PrintStream out, String label, long total) {
        return new Progress(out, label, total, false, System::nanoTime);
    }

    /** A redrawn bar on {@code out} (what terminal output looks like). */
    public static Progress bar(PrintStream out, String label, long total) {
        return new Progress(out, label, total, true, System::nanoTime);
    }

    /** Prints nothing. */
    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), "", 0, false, System::nanoTime);
    }

    /** For tests: a plain reporter with a fake clock. */
    static Progress plain(PrintStream out, String label, long total, LongSupplier clock) {
        return new Progress(out, label, total, false, clock);
    }

    public long total() {
        return total;
    }

    public long done() {
        return done.get();
    }

    /** One step done. */
    public void step() {
        advance(1);
    }

    /** {@code n} steps done. */
    public void advance(long n) {
        long d = done.addAndGet(n);
        report(Math.min(d, total), false);
    }

    private synchronized void report(long d, boolean force) {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        if (terminal) {
            // redraw at most ~10 times a second
            if (!force && d != total && now - lastPrintNanos < 100_000_000L) {
                return;
            }
            out.print("\r" + barLine(d, now));
            out.flush();
        } else {
            boolean tenth = total > 0 && (d * 10 / total) != (Math.max(lastPrintedDone, 0) * 10 / total);
            boolean slow = now - lastPrintNanos >= 30_000_000_000L;
            if (!force && !tenth && !slow) {
                return;
            }
            if (d == lastPrintedDone && !force) {
                return;
            }
            out.println(plainLine(d, now));
            out.flush();
        }
        lastPrintedDone = d;
        lastPrintNanos = now;
    }

    String plainLine(long d, long now) {
        return String.format(Locale.ROOT, "%s: %d/%d (%d%%) %s", label, d, total, percent(d),
                elapsed(now));
    }

    String barLine(long d, long now) {
        int filled = total == 0 ? BAR : (int) (BAR * d / total);
        String eta = "";
        double sec = (now - startNanos) / 1e9;
        if (d > 0 && d < total) {
            eta = String.format(Locale.ROOT, " ~%ss left", (long) Math.ceil(sec * (total - d) / d));
        }
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %d/%d%s   ", label, "#".repeat(filled),
                ".".repeat(BAR - filled), percent(d), d, total, eta);
    }

    private int percent(long d) {
        return total == 0 ? 100 : (int) (100 * d / total);
    }

    private String elapsed(long now) {
        return String.format(Locale.ROOT, "%.1fs", (now - startNanos) / 1e9);
    }

    /** Ends the bar's line (terminal) or prints the final line (plain), once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        long d = Math.min(done.get(), total);
        if (terminal) {
            out.print("\r" + barLine(d, clock.getAsLong()));
            out.println();
        } else if (d != lastPrintedDone) {
            out.println(plainLine(d, clock.getAsLong()));
        }
        out.flush();
        closed = true;
    }
}
