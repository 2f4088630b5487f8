package tradeoffs.io;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code manifest.json} every results folder carries: the command, its parameters, the seed,
 * software versions and timings, so a folder says how it was made.
 */
public final class Manifest {
    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Double> timingsSeconds = new LinkedHashMap<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private Long seed;

    public Manifest(String command) {
        this.command = command;
    }

    public Manifest parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public Manifest seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Records a named timing in seconds. */
    public Manifest timing(String name, double seconds) {
        timingsSeconds.put(name, seconds);
        return this;
    }

    /** Any other entry (for example the list of files written). */
    public Manifest put(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /** The manifest as a map, in the order written to JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("parameters", parameters);
        if (seed != null) {
            m.put("seed", seed);
        }
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("tradeoffs", version());
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("versions", versions);
        Map<String, Object> timings = new LinkedHashMap<>(timingsSeconds);
        timings.put("started", started.toString());
        timings.put("total_seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        m.put("timings", timings);
        m.putAll(extra);
        return m;
    }

    /** Writes {@code manifest.json} into {@code dir}, atomically. */
    public void writeTo(Path dir) {
        AtomicFiles.writeString(dir.resolve("manifest.json"), Json.write(toMap()));
    }

    /** This build's version (from the jar manifest when packaged). */
    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
