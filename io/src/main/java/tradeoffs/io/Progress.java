package tradeoffs.io;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress of a long task with a known number of steps, drawn on an {@link Output}: on a terminal
 * ({@link Mode#BAR}) one line redrawn in place with a bar, the count, the rate and the time left;
 * in logs, pipes and CI ({@link Mode#PLAIN}) a plain line at most every 10% or every 10 seconds;
 * nothing with {@link Mode#NONE} ({@code --quiet}). Which mode is the caller's decision.
 *
 * <p>A bar never leaves stray text: every redraw is padded with spaces to the width of what it
 * overwrites, a finished bar is redrawn as a final line ("in 6.3s") and ended with a newline, a
 * bar closed before its end ("stopped after 2.8s") likewise, and a message printed while a bar is
 * shown ({@link Output#line}) replaces the bar's line and the bar is redrawn below it. On a real
 * terminal a bar that is still open when the JVM exits (Ctrl-C) is ended the same way by a
 * shutdown hook.
 *
 * <p>Safe to call from several threads (every update holds the output's lock).
 */
public final class Progress implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode {
        /** One line redrawn in place (a terminal). */
        BAR,
        /** Plain lines at most every 10% or 10 seconds (logs, pipes, CI). */
        PLAIN,
        /** Nothing ({@code --quiet}). */
        NONE
    }

    /** Characters of the bar itself. */
    static final int BAR_WIDTH = 20;
    /** Longest line drawn: fits an 80-column terminal, so {@code \r} returns to the line's start. */
    static final int MAX_WIDTH = 79;
    /** A bar is redrawn at most this often (nanoseconds). */
    static final long REDRAW_NANOS = 100_000_000L;
    /** A plain line is printed at least this often while steps finish (nanoseconds). */
    static final long PLAIN_EVERY_NANOS = 10_000_000_000L;

    private final Output output;
    private final String label;
    private final long total;
    private final String unit;
    private final long startNanos;
    private long done;
    private long lastDrawNanos;
    private long lastTenth;
    private boolean drawn;
    private boolean ended;

    private Progress(Output output, String label, long total, String unit) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0 (got " + total + ")");
        }
        this.output = output;
        this.label = label;
        this.total = total;
        this.unit = unit == null ? "" : unit;
        this.startNanos = output.clock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** A bar on standard error when it is a terminal, plain lines otherwise. */
    public static Progress start(String label, long total) {
        return Output.auto(System.err).start(label, total);
    }

    /** Plain progress lines to {@code out} (what non-terminal output looks like). */
    public static Progress plain(PrintStream out, String label, long total) {
        return Output.of(Mode.PLAIN, out).start(label, total);
    }

    /** A redrawn bar on {@code out} (what terminal output looks like). */
    public static Progress bar(PrintStream out, String label, long total) {
        return Output.of(Mode.BAR, out).start(label, total);
    }

    /** Prints nothing. */
    public static Progress silent() {
        return Output.none().start("", 0);
    }

    /** A sink for message lines that prints each to {@code out} and flushes it at once. */
    public static Consumer<String> lines(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    public long total() {
        return total;
    }

    public long done() {
        synchronized (output) {
            return done;
        }
    }

    /** One step done. */
    public void step() {
        advance(1);
    }

    /** {@code n} more steps done. */
    public void advance(long n) {
        synchronized (output) {
            update(done + n);
        }
    }

    /** {@code d} steps done in all (values below the current count are ignored). */
    public void update(long d) {
        synchronized (output) {
            if (ended || output.mode == Mode.NONE) {
                done = Math.max(done, Math.min(d, total));
                return;
            }
            done = Math.max(done, Math.min(d, total));
            long now = output.clock.getAsLong();
            if (done == total) {
                finish(now);
                return;
            }
            if (output.mode == Mode.BAR) {
                if (output.active == this && drawn && now - lastDrawNanos < REDRAW_NANOS) {
                    return;
                }
                output.draw(this, barLine(now));
                drawn = true;
                lastDrawNanos = now;
            } else {
                long tenth = done * 10 / total;
                if (tenth > lastTenth || now - lastDrawNanos >= PLAIN_EVERY_NANOS) {
                    output.print(plainLine(now) + "\n");
                    lastTenth = tenth;
                    lastDrawNanos = now;
                }
            }
        }
    }

    private void finish(long now) {
        ended = true;
        if (total == 0) {
            output.release(this);
            return;
        }
        if (output.mode == Mode.BAR) {
            output.end(this, finishedBarLine(now), 0);
        } else if (output.mode == Mode.PLAIN) {
            output.print(finishedPlainLine(now) + "\n");
        }
    }

    /**
     * Ends the progress, once: the final line if every step is done (unless already printed), else
     * a line that says where it stopped. A bar's line is ended with a newline either way.
     */
    @Override
    public void close() {
        synchronized (output) {
            if (ended) {
                return;
            }
            long now = output.clock.getAsLong();
            if (done == total) {
                finish(now);
            } else {
                stop(now, 0);
            }
        }
    }

    /** Ends an unfinished progress with a "stopped" line; {@code extra} more blanks on a bar. */
    private void stop(long now, int extra) {
        ended = true;
        if (output.mode == Mode.BAR) {
            output.end(this, stoppedBarLine(now), extra);
        } else if (output.mode == Mode.PLAIN) {
            output.print(stoppedPlainLine(now) + "\n");
        }
    }

    // ---- rendering (package-private for the byte-exact tests) ----

    String barLine(long now) {
        double sec = seconds(now);
        String rate = rate(sec);
        String tail = rate == null ? "" : ", " + rate + ", ~" + eta(sec * (total - done) / done) + " left";
        return fit(label, barHead() + tail);
    }

    String finishedBarLine(long now) {
        double sec = seconds(now);
        String rate = rate(sec);
        return fit(label, barHead() + " in " + duration(sec) + (rate == null ? "" : ", " + rate));
    }

    String stoppedBarLine(long now) {
        return fit(label, barHead() + ", stopped after " + duration(seconds(now)));
    }

    String plainLine(long now) {
        double sec = seconds(now);
        String rate = rate(sec);
        return label + ": " + plainHead() + ", " + duration(sec)
                + (rate == null ? "" : ", " + rate + ", ~" + eta(sec * (total - done) / done) + " left");
    }

    String finishedPlainLine(long now) {
        double sec = seconds(now);
        String rate = rate(sec);
        return label + ": " + plainHead() + " in " + duration(sec) + (rate == null ? "" : ", " + rate);
    }

    String stoppedPlainLine(long now) {
        return label + ": " + plainHead() + ", stopped after " + duration(seconds(now));
    }

    private String barHead() {
        int filled = (int) (BAR_WIDTH * done / total);
        return " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3d%%", percent()) + " " + counts();
    }

    private String plainHead() {
        return counts() + " (" + percent() + "%)";
    }

    private String counts() {
        return done + "/" + total + (unit.isEmpty() ? "" : " " + unit);
    }

    private int percent() {
        return total == 0 ? 100 : (int) (100 * done / total);
    }

    private double seconds(long now) {
        return (now - startNanos) / 1e9;
    }

    /** "812 img/s", "2.31/s", or below one a second the time per step: "21.0s/point". */
    private String rate(double sec) {
        if (done == 0 || sec <= 0) {
            return null;
        }
        double r = done / sec;
        if (r < 1) {
            return duration(sec / done) + "/" + (unit.isEmpty() ? "step" : unit);
        }
        String n = r >= 100
                ? String.format(Locale.ROOT, "%.0f", r)
                : r >= 10 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.2f", r);
        return n + (unit.isEmpty() ? "/s" : " " + unit + "/s");
    }

    /** The label and the rest of a bar line, the label shortened so the line fits {@link #MAX_WIDTH}. */
    private static String fit(String label, String rest) {
        int room = MAX_WIDTH - rest.length();
        String l = label;
        if (l.length() > room) {
            l = room >= 8 ? l.substring(0, room - 2) + ".." : l.substring(0, Math.min(l.length(), 6));
        }
        String line = l + rest;
        return line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) : line;
    }

    /** Elapsed time: "6.3s", "3m05s", "1h02m". */
    static String duration(double sec) {
        if (sec < 59.95) {
            return String.format(Locale.ROOT, "%.1fs", sec);
        }
        return hoursMinutesSeconds(Math.round(sec));
    }

    /** Time left, rounded up to whole seconds: "4s", "3m05s", "1h02m". */
    static String eta(double sec) {
        long s = (long) Math.ceil(sec);
        return s < 60 ? s + "s" : hoursMinutesSeconds(s);
    }

    private static String hoursMinutesSeconds(long s) {
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /**
     * Whether standard error is a terminal: on Linux, file descriptor 2 links to a tty device;
     * elsewhere, a console is attached. {@code TERM=dumb} counts as no terminal.
     */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through to the console test
        }
        return System.console() != null;
    }

    /**
     * Where progress and messages go, and how ({@link Mode}): the one place that knows which bar,
     * if any, occupies the last line, so that messages and bars never overwrite each other.
     */
    public static final class Output {
        private static final Set<Output> OPEN_BARS = new CopyOnWriteArraySet<>();
        private static volatile boolean hookInstalled;

        private final PrintWriter out;
        private final Mode mode;
        private final LongSupplier clock;
        private final boolean endBarsOnExit;
        private Progress active;
        private int width;

        Output(Writer out, Mode mode, LongSupplier clock, boolean endBarsOnExit) {
            this.out = out instanceof PrintWriter p ? p : new PrintWriter(out);
            this.mode = mode;
            this.clock = clock;
            this.endBarsOnExit = endBarsOnExit && mode == Mode.BAR;
        }

        /** Progress on {@code out} in {@code mode}. */
        public static Output of(Mode mode, Writer out) {
            return new Output(out, mode, System::nanoTime, false);
        }

        /** Progress on {@code out} in {@code mode}. */
        public static Output of(Mode mode, PrintStream out) {
            return of(mode, writer(out));
        }

        /**
         * Progress on the standard-error writer {@code err}: {@code NONE} when {@code quiet}, a bar
         * when standard error is a terminal (a bar still open at exit, e.g. after Ctrl-C, is ended
         * cleanly), plain lines otherwise.
         */
        public static Output forStderr(Writer err, boolean quiet) {
            Mode m = quiet ? Mode.NONE : stderrIsTerminal() ? Mode.BAR : Mode.PLAIN;
            return new Output(err, m, System::nanoTime, true);
        }

        /** {@link #forStderr} on {@code err}, not quiet. */
        public static Output auto(PrintStream err) {
            return forStderr(writer(err), false);
        }

        /** Shows nothing. */
        public static Output none() {
            return of(Mode.NONE, Writer.nullWriter());
        }

        /** For tests: a fake clock. */
        static Output of(Mode mode, Writer out, LongSupplier clock) {
            return new Output(out, mode, clock, false);
        }

        private static Writer writer(PrintStream s) {
            return new OutputStreamWriter(s, Charset.defaultCharset());
        }

        public Mode mode() {
            return mode;
        }

        /** A progress of {@code total} steps labelled {@code label}; a bar is drawn at once. */
        public Progress start(String label, long total) {
            return start(label, total, "");
        }

        /** As {@link #start(String, long)}, counting in {@code unit} ("img", "points"). */
        public Progress start(String label, long total, String unit) {
            synchronized (this) {
                Progress p = new Progress(this, label, total, unit);
                if (mode == Mode.BAR && total > 0) {
                    draw(p, p.barLine(clock.getAsLong()));
                    p.drawn = true;
                }
                return p;
            }
        }

        /**
         * A message line (what a log line would say). On a bar's line it takes the bar's place and
         * the bar is redrawn below it; with {@link Mode#NONE} it is dropped.
         */
        public void line(String text) {
            synchronized (this) {
                if (mode == Mode.NONE) {
                    return;
                }
                if (active != null) {
                    print("\r" + text + pad(width - text.length()) + "\n");
                    width = 0;
                    Progress p = active;
                    draw(p, p.barLine(clock.getAsLong()));
                } else {
                    print(text + "\n");
                }
            }
        }

        /** {@link #line} as a consumer (for libraries that report in lines). */
        public Consumer<String> lines() {
            return this::line;
        }

        /**
         * A listener for a library's tasks: each task gets its own progress counted in {@code unit},
         * started at its first report and ended when its last step is done.
         */
        public ProgressListener listener(String unit) {
            return new ProgressListener() {
                private Progress current;
                private String task;

                @Override
                public void progress(String name, long done, long total) {
                    synchronized (Output.this) {
                        if (current == null || current.ended || !name.equals(task) || current.total != total) {
                            if (current != null) {
                                current.close();
                            }
                            current = start(name, total, unit);
                            task = name;
                        }
                        current.update(done);
                    }
                }
            };
        }

        // ---- drawing; callers hold this output's lock ----

        /** Draws {@code line} as {@code p}'s bar on the last line, ending another bar's line first. */
        private void draw(Progress p, String line) {
            if (active != null && active != p) {
                print("\n"); // the other bar keeps its last state on its own line
                width = 0;
            }
            print("\r" + line + pad(width - line.length()));
            width = line.length();
            if (active != p) {
                active = p;
                if (endBarsOnExit) {
                    OPEN_BARS.add(this);
                    installHook();
                }
            }
        }

        /** Redraws {@code p}'s bar as {@code line} plus {@code extra} blanks and ends its line. */
        private void end(Progress p, String line, int extra) {
            if (active == p) {
                print("\r" + line + pad(width + extra - line.length()) + "\n");
            } else {
                print(line + "\n");
            }
            width = 0;
            release(p);
        }

        private void release(Progress p) {
            if (active == p) {
                active = null;
                OPEN_BARS.remove(this);
            }
        }

        private void print(String s) {
            out.print(s);
            out.flush();
        }

        /** Ends the bar still shown, as Ctrl-C leaves it ("^C" echoed after it: two more blanks). */
        void interrupt() {
            synchronized (this) {
                if (active != null && !active.ended) {
                    active.stop(clock.getAsLong(), 2);
                }
            }
        }

        private static void installHook() {
            if (!hookInstalled) {
                synchronized (Output.class) {
                    if (!hookInstalled) {
                        Runtime.getRuntime()
                                .addShutdownHook(
                                        new Thread(() -> OPEN_BARS.forEach(Output::interrupt), "progress-bar-end"));
                        hookInstalled = true;
                    }
                }
            }
        }

        private static String pad(int n) {
            return n > 0 ? " ".repeat(n) : "";
        }
    }
}
