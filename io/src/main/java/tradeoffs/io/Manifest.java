package tradeoffs.io;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} every results folder carries, so a folder says how it was made: the
 * command and its full command line as typed, its parameters and seed, the software (this build's
 * version and git commit, Java, the DJL and PyTorch versions of the build, and the engine and
 * device actually used, or "not loaded" when the command never started DJL), and wall times: each
 * stage's, and the total from the start of the command to the writing of this file.
 *
 * <p>Timings are wall-clock seconds, so a manifest differs from run to run; result tables do not
 * carry them (same seed, same bytes).
 */
public final class Manifest {
    /** What the engine and device fields say when a command never started DJL. */
    public static final String NOT_LOADED = "not loaded";

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final String command;
    private Instant started = Instant.now();
    private long startNanos = System.nanoTime();
    private List<String> arguments;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Double> timingsSeconds = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Set<String> devices = new LinkedHashSet<>();
    private String engine;
    private Long seed;

    /** A manifest of {@code command} (e.g. {@code deep train}) whose run starts now. */
    public Manifest(String command) {
        this.command = command;
    }

    /** The command, e.g. {@code deep train}. */
    public String command() {
        return command;
    }

    /**
     * A manifest for a part of this run written to its own folder (e.g. {@code figures/}): named
     * {@code command}, with this run's start and arguments.
     */
    public Manifest part(String command) {
        Manifest m = new Manifest(command).startedAt(started, startNanos);
        if (arguments != null) {
            m.arguments(arguments);
        }
        return m;
    }

    /** The run started at {@code wall} ({@link System#nanoTime()} then: {@code nanos}), e.g. before parsing. */
    public Manifest startedAt(Instant wall, long nanos) {
        this.started = wall;
        this.startNanos = nanos;
        return this;
    }

    /** The arguments after {@code tradeoffs}, as the user typed them. */
    public Manifest arguments(List<String> args) {
        this.arguments = List.copyOf(args);
        return this;
    }

    public Manifest parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public Manifest seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Records a named wall time in seconds (a stage's, say). */
    public Manifest timing(String name, double seconds) {
        timingsSeconds.put(name, seconds);
        return this;
    }

    /** The deep-learning engine the command loaded, e.g. {@code PyTorch 2.5.1}. */
    public Manifest engine(String engine) {
        this.engine = engine;
        return this;
    }

    /** A device the command computed on, e.g. {@code cpu()} (several are listed in order). */
    public Manifest device(String device) {
        devices.add(device);
        return this;
    }

    /** Any other entry (for example the list of files written). */
    public Manifest put(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** Seconds since the run started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The manifest as a map, in the order written to JSON; the total time is measured now. */
    public Map<String, Object> toMap() {
        double total = elapsedSeconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        if (arguments != null) {
            m.put("command_line", commandLine(arguments));
            m.put("arguments", arguments);
        }
        m.put("parameters", parameters);
        if (seed != null) {
            m.put("seed", seed);
        }
        BuildInfo b = BuildInfo.current();
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("tradeoffs", b.version());
        versions.put("commit", b.fromGit() ? b.commit() : "unknown");
        versions.put("uncommitted_changes", b.dirty());
        versions.put("java", BuildInfo.java());
        versions.put("os", BuildInfo.os());
        versions.put("djl", b.djl());
        versions.put("pytorch", b.pytorch());
        versions.put("pytorch_native", b.pytorchNative());
        versions.put("engine", engine == null ? NOT_LOADED : engine);
        versions.put("device", devices.isEmpty() ? NOT_LOADED : String.join(", ", devices));
        m.put("versions", versions);
        Map<String, Object> timings = new LinkedHashMap<>(timingsSeconds);
        timings.put("started", started.toString());
        timings.put("total_seconds", Math.round(total * 1e6) / 1e6);
        m.put("timings", timings);
        m.putAll(extra);
        return m;
    }

    /** Writes {@code manifest.json} into {@code dir}, atomically (the last file a command writes). */
    public void writeTo(Path dir) {
        AtomicFiles.writeString(dir.resolve("manifest.json"), Json.write(toMap()));
    }

    /**
     * {@code tradeoffs} and the arguments as one line a POSIX shell reads back as the same
     * arguments: plain words as they are, anything else in single quotes.
     */
    public static String commandLine(List<String> args) {
        List<String> words = new ArrayList<>();
        words.add("tradeoffs");
        for (String a : args) {
            words.add(!a.isEmpty() && PLAIN_WORD.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", words);
    }

    /** This build's version. */
    public static String version() {
        return BuildInfo.current().version();
    }
}
