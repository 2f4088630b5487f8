package tradeoffs.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tradeoffs.deep.device.DeepRuntime;
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.AtomicFolder;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.OutputPath;
import tradeoffs.io.Progress;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.MemoryBudget;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Runs a sweep grid into a results folder and merges shard folders.
 *
 * <p>Layout of a results folder: {@code config.json} (the config as given), one file per finished
 * point {@code points/<kind>/<id>.csv} (written atomically when the point completes, so a killed
 * run leaves only whole files; see {@link PointFile} for the check columns it carries), and, once
 * every point of the grid is there, one table per kind {@code <kind>.csv}: the points' rows in grid
 * order, so sharded runs merged and an unsharded run give byte-identical tables. A rerun skips
 * points whose file is whole and belongs to the config. {@code manifest.json} records how the
 * folder was made.
 *
 * <p>Concurrency: a run holds the folder's {@link FolderLock} shared, with the shard's own slot,
 * so shards may share one folder but the same shard cannot run twice at once; {@code config.json}
 * is checked and written under the lock's commit section. A merge holds the output folder
 * exclusively.
 */
public final class Sweep {
    private static final Pattern POINT_NAME = Pattern.compile("p(\\d{6,})\\.csv");

    private Sweep() {}

    /** What a run or a merge did. */
    public record Summary(int gridPoints, int shardPoints, int ran, int skipped, boolean complete, List<Path> tables) {
        public Summary {
            tables = List.copyOf(tables);
        }

        /** Records the counts and the tables' file names in a run's manifest. */
        public Manifest record(Manifest m) {
            return m.put("grid_points", gridPoints)
                    .put("shard_points", shardPoints)
                    .put("ran", ran)
                    .put("skipped", skipped)
                    .put("complete", complete)
                    .put(
                            "tables",
                            tables.stream().map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The file of a point inside a results folder. */
    public static Path pointFile(Path dir, SweepPoint p) {
        return dir.resolve("points").resolve(p.kind()).resolve(p.id() + ".csv");
    }

    /**
     * The {@code sweep} command's run: {@link #run} of {@code config} (read from {@code configFile}),
     * progress to {@code shown}, then {@code manifest} written into {@code out} with the config's
     * file, the shard, the threads, the seed, the run's time, the {@link Summary} and, when the config
     * has deep points, the deep runtime ({@link DeepRuntime#record}).
     */
    public static Summary run(
            SweepConfig config,
            Path configFile,
            PointRunners runners,
            Path out,
            int threads,
            Shard shard,
            Progress.Output shown,
            Manifest manifest) {
        long t0 = System.nanoTime();
        Summary summary = run(config, runners, out, threads, shard, shown.lines(), shown.listener("points"));
        summary.record(manifest.parameter("config", configFile.toString())
                .parameter("shard", shard.toString())
                .parameter("threads", threads)
                .seed(config.seed())
                .timing("run_seconds", (System.nanoTime() - t0) / 1e9));
        if (config.kinds().contains("deep")) {
            DeepRuntime.record(manifest);
        }
        manifest.writeTo(out);
        return summary;
    }

    /**
     * Runs the points of {@code shard} that are not finished yet on {@code threads} threads,
     * then writes the tables if the whole grid is finished in {@code out}. Before any work: the
     * thread count, {@code out} (writable), every point of the shard ({@link PointRunner#check})
     * and the folder's lock; a folder holding points of another config is refused, one holding
     * only another config's {@code config.json} (a failed run) is taken over.
     */
    public static Summary run(
            SweepConfig config, PointRunners runners, Path out, int threads, Shard shard, Consumer<String> progress) {
        return run(config, runners, out, threads, shard, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #run(SweepConfig, PointRunners, Path, int, Shard, Consumer)}; {@code points} also
     * hears, at the start and after every finished point, how many of the points this run computes
     * are done: ("sweep", done, to run).
     */
    public static Summary run(
            SweepConfig config,
            PointRunners runners,
            Path out,
            int threads,
            Shard shard,
            Consumer<String> progress,
            ProgressListener points) {
        ParameterException.requireAtLeast("threads", threads, 1);
        OutputPath.requireFolder("out", out);
        Map<String, PointRunner> kinds = runners.asMap();
        List<SweepPoint> all = config.points();
        List<SweepPoint> mine = new ArrayList<>();
        double peak = 0;
        for (SweepPoint p : all) {
            if (shard.contains(p.index())) {
                mine.add(p);
                peak = Math.max(peak, check(config, kinds.get(p.kind()), p));
            }
        }
        try (FolderLock lock = FolderLock.shared("out", out, shard.slot())) {
            if (lock.note() != null && progress != null) {
                progress.accept(lock.note());
            }
            lock.commit(() -> {
                writeConfig(out, config);
                return null;
            });
            List<SweepPoint> pending = new ArrayList<>();
            for (SweepPoint p : mine) {
                if (!PointFile.isFinished(pointFile(out, p), config, kinds.get(p.kind()), p)) {
                    pending.add(p);
                }
            }
            int skipped = mine.size() - pending.size();
            if (progress != null) {
                progress.accept(String.format(
                        "sweep: %d grid points, shard %s has %d, %d already finished, %d to run on %d thread(s)",
                        all.size(), shard, mine.size(), skipped, pending.size(), threads));
            }
            AtomicInteger done = new AtomicInteger();
            points.progress("sweep", 0, pending.size());
            // Points run in parallel; when fewer points than threads remain, each point gets the spare
            // threads for its own repetitions (results do not depend on either). No more points at
            // once than the heap holds.
            int inner = pending.isEmpty() ? 1 : Math.max(1, threads / pending.size());
            int outer = MemoryBudget.parallelism(Math.max(1, threads / inner), peak);
            IndexedTasks.map(pending.size(), outer, i -> {
                SweepPoint p = pending.get(i);
                long t0 = System.nanoTime();
                ResultTable t = runPoint(config, kinds.get(p.kind()), p, inner);
                t.writeCsv(pointFile(out, p));
                synchronized (done) {
                    int d = done.incrementAndGet();
                    if (progress != null) {
                        progress.accept(String.format(
                                java.util.Locale.ROOT,
                                "sweep: [%d/%d] %s %s %s done in %.2f s",
                                d,
                                pending.size(),
                                p.id(),
                                p.kind(),
                                config.describe(p),
                                (System.nanoTime() - t0) / 1e9));
                    }
                    points.progress("sweep", d, pending.size());
                }
                return Boolean.TRUE;
            });
            boolean complete = true;
            for (SweepPoint p : all) {
                if (!Files.isRegularFile(pointFile(out, p))) {
                    complete = false;
                    break;
                }
            }
            List<Path> tables = complete
                    ? lock.commit(() -> writeTables(config, kinds, locateAll(config, List.of(out)), out))
                    : List.of();
            if (progress != null) {
                progress.accept(
                        complete
                                ? "sweep: grid complete, tables: " + tables
                                : "sweep: shard " + shard
                                        + " finished; run 'tradeoffs sweep merge' once every shard is done");
            }
            return new Summary(all.size(), mine.size(), pending.size(), skipped, complete, tables);
        }
    }

    /** The runner's check of point {@code p}, a ParameterException renamed to the section's key. */
    private static double check(SweepConfig config, PointRunner runner, SweepPoint p) {
        try {
            return runner.check(p, config.section(p));
        } catch (ParameterException e) {
            throw SweepConfig.inKeys(p.kind(), e);
        }
    }

    /** The point file of one point: parameter cells, the runner's output cells, the check columns. */
    static ResultTable runPoint(SweepConfig config, PointRunner runner, SweepPoint p, int threads) {
        List<List<Object>> rows;
        try {
            rows = runner.run(p, config.section(p), config.seed(), threads);
        } catch (ParameterException e) {
            throw SweepConfig.inKeys(p.kind(), e);
        }
        return PointFile.of(config, runner, p, rows);
    }

    /**
     * Writes {@code config.json} unless the folder has it already. A folder whose config.json is
     * another config is refused when it holds point files (results of that config); when it holds
     * none (a run that failed before its first point), the folder is taken over.
     */
    private static void writeConfig(Path out, SweepConfig config) {
        Path f = out.resolve("config.json");
        if (Files.isRegularFile(f)) {
            JsonNode existing;
            try {
                existing = Json.parse("out", f.toString(), Files.readString(f), false);
            } catch (IOException | IllegalArgumentException e) {
                existing = null;
            }
            if (config.root().equals(existing)) {
                return;
            }
            if (holdsPoints(out)) {
                throw new ParameterException(
                        "out",
                        "holds results of a different sweep config (its config.json differs); use a new folder",
                        out);
            }
        }
        AtomicFiles.writeString(f, Json.write(config.root()));
    }

    /** Whether {@code dir} holds any point file ({@code points/<kind>/p<digits>.csv}). */
    private static boolean holdsPoints(Path dir) {
        Path points = dir.resolve("points");
        if (!Files.isDirectory(points)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(points, 2)) {
            return s.anyMatch(
                    p -> POINT_NAME.matcher(p.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + points + ": " + e.getMessage(), e);
        }
    }

    /** The file of every point in the first of {@code inputs} that has it (null where none has). */
    private static Map<SweepPoint, Path> locateAll(SweepConfig config, List<Path> inputs) {
        Map<SweepPoint, Path> m = new LinkedHashMap<>();
        for (SweepPoint p : config.points()) {
            Path found = null;
            for (Path in : inputs) {
                Path f = pointFile(in, p);
                if (Files.isRegularFile(f)) {
                    found = f;
                    break;
                }
            }
            m.put(p, found);
        }
        return m;
    }

    /** The validated rows of every point, by kind, in grid order. */
    private static Map<String, List<List<String>>> rowsByKind(
            SweepConfig config, Map<String, PointRunner> kinds, Map<SweepPoint, Path> files) {
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (String kind : config.kinds()) {
            rows.put(kind, new ArrayList<>());
        }
        files.forEach((p, f) -> rows.get(p.kind()).addAll(PointFile.read(f, config, kinds.get(p.kind()), p)));
        return rows;
    }

    /** Checks every point file, then writes {@code out/<kind>.csv} for each kind (each atomically). */
    private static List<Path> writeTables(
            SweepConfig config, Map<String, PointRunner> kinds, Map<SweepPoint, Path> files, Path out) {
        Map<String, List<List<String>>> rows = rowsByKind(config, kinds, files);
        List<Path> tables = new ArrayList<>();
        for (String kind : config.kinds()) {
            Path t = out.resolve(kind + ".csv");
            new ResultTable(PointFile.tableColumns(config, kinds.get(kind)), rows.get(kind)).writeCsv(t);
            tables.add(t);
        }
        return tables;
    }

    /**
     * Joins shard folders into {@code out}. Checks before writing anything: every input ran the
     * same config, every point file of every input is whole and belongs to its point of that config
     * ({@link PointFile#read}; a damaged file is {@link PointFile.Damaged}, naming it), a point held
     * by several inputs has the same bytes in each, no input holds a file that is not a point of the
     * grid, and no point is missing (an IllegalStateException listing them). Then, when {@code out}
     * is one of the inputs, the missing point files and the tables are written into it (each
     * atomically); otherwise the whole merged folder is written under a temporary name and renamed
     * into place ({@link AtomicFolder}). An existing non-input {@code out} must be empty or an
     * earlier merge of the same config (which is replaced). No {@code inputs}: {@code out} itself
     * (shards that shared it). Then {@code manifest}, with the inputs, the merge's time and the
     * {@link Summary}, is written into {@code out}.
     */
    public static Summary merge(
            List<Path> inputs, PointRunners runners, Path out, Consumer<String> progress, Manifest manifest) {
        List<Path> in = inputs.isEmpty() ? List.of(out) : inputs;
        long t0 = System.nanoTime();
        Summary summary = merge(in, runners, out, progress);
        summary.record(manifest.parameter(
                                "inputs", in.stream().map(Path::toString).toList())
                        .timing("merge_seconds", (System.nanoTime() - t0) / 1e9))
                .writeTo(out);
        return summary;
    }

    /**
     * As {@link #merge(List, PointRunners, Path, Consumer, Manifest)} without a manifest;
     * {@code inputs} must not be empty.
     */
    public static Summary merge(List<Path> inputs, PointRunners runners, Path out, Consumer<String> progress) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("sweep merge needs at least one input folder");
        }
        Path outAbs = out.toAbsolutePath().normalize();
        boolean outIsInput =
                inputs.stream().anyMatch(in -> in.toAbsolutePath().normalize().equals(outAbs));
        if (outIsInput) {
            OutputPath.requireFolder("out", out);
        } else {
            OutputPath.requireReplaceableFolder("out", out);
        }
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                throw new IllegalArgumentException("input " + in + " is not a folder");
            }
        }
        try (FolderLock lock = FolderLock.exclusive("out", out)) {
            if (lock.note() != null && progress != null) {
                progress.accept(lock.note());
            }
            JsonNode root = null;
            for (Path in : inputs) {
                JsonNode r = readInputConfig(in);
                if (root != null && !root.equals(r)) {
                    throw new IllegalArgumentException(
                            "input " + in + " ran a different sweep config than " + inputs.get(0));
                }
                root = r;
            }
            SweepConfig config;
            try {
                config = SweepConfig.of(root, runners.asMap());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("input " + inputs.get(0)
                        + ": config.json is not a valid sweep config (" + e.getMessage() + ")");
            }
            Map<String, PointRunner> kinds = runners.asMap();
            for (Path in : inputs) {
                checkNoStrayFiles(in, config);
            }
            Map<SweepPoint, Path> files = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (SweepPoint p : config.points()) {
                Path first = null;
                byte[] firstBytes = null;
                for (Path in : inputs) {
                    Path f = pointFile(in, p);
                    if (!Files.exists(f)) {
                        continue;
                    }
                    PointFile.read(f, config, kinds.get(p.kind()), p);
                    byte[] bytes = readBytes(f);
                    if (first == null) {
                        first = f;
                        firstBytes = bytes;
                    } else if (!java.util.Arrays.equals(firstBytes, bytes)) {
                        throw new IllegalArgumentException(
                                "point " + p.id() + " differs between " + first + " and " + f
                                        + " (same config, different results: one was not computed by this version; remove it and rerun its sweep)");
                    }
                }
                if (first == null) {
                    missing.add(p.id());
                }
                files.put(p, first);
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("merge incomplete: " + missing.size() + " of "
                        + config.points().size()
                        + " points missing (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                        + (missing.size() > 5 ? ", ..." : "") + "); rerun the shards that hold them");
            }
            List<Path> tables = new ArrayList<>();
            SweepConfig c = config;
            JsonNode configRoot = root;
            if (outIsInput) {
                for (Map.Entry<SweepPoint, Path> e : files.entrySet()) {
                    Path target = pointFile(out, e.getKey());
                    if (!Files.exists(target)) {
                        AtomicFiles.writeBytes(target, readBytes(e.getValue()));
                    }
                }
                tables.addAll(writeTables(c, kinds, locateAll(c, List.of(out)), out));
            } else {
                requireMergeTarget(out, configRoot);
                AtomicFolder.write(out, true, tmp -> {
                    AtomicFiles.writeString(tmp.resolve("config.json"), Json.write(configRoot));
                    for (Map.Entry<SweepPoint, Path> e : files.entrySet()) {
                        AtomicFiles.writeBytes(pointFile(tmp, e.getKey()), readBytes(e.getValue()));
                    }
                    writeTables(c, kinds, locateAll(c, List.of(tmp)), tmp);
                });
                for (String kind : c.kinds()) {
                    tables.add(out.resolve(kind + ".csv"));
                }
            }
            if (progress != null) {
                progress.accept("sweep merge: " + config.points().size() + " points from " + inputs.size()
                        + " folder(s), tables: " + tables);
            }
            return new Summary(config.points().size(), config.points().size(), 0, 0, true, tables);
        }
    }

    /** An input's config.json, read strictly; problems name the input. */
    private static JsonNode readInputConfig(Path in) {
        Path f = in.resolve("config.json");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("input " + in + " has no config.json (not a sweep results folder)");
        }
        try {
            return Json.readFile("config", f);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(
                    "input " + in + ": config.json " + e.requirement() + " (got " + e.got() + ")");
        }
    }

    /** Refuses a file named like a point that is not a point of the grid under its kind. */
    private static void checkNoStrayFiles(Path in, SweepConfig config) {
        Path points = in.resolve("points");
        if (!Files.isDirectory(points)) {
            return;
        }
        List<SweepPoint> all = config.points();
        try (Stream<Path> s = Files.walk(points, 2)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Matcher m = POINT_NAME.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue; // temporary files of killed writes, notes
                }
                String kind = f.getParent().getFileName().toString();
                long i = Long.parseLong(m.group(1));
                if (i >= all.size()
                        || !all.get((int) i).kind().equals(kind)
                        || !f.getParent().getParent().equals(points)) {
                    throw new IllegalArgumentException(
                            "point file " + f + " is not a " + kind + " point of this sweep's grid (" + all.size()
                                    + " points); it comes from another sweep: remove it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + points + ": " + e.getMessage(), e);
        }
    }

    /** A non-input merge target must be new, empty, or an earlier merge of the same config. */
    private static void requireMergeTarget(Path out, JsonNode root) {
        if (OutputPath.isEmptyFolder(out)) {
            return;
        }
        Path f = out.resolve("config.json");
        JsonNode existing = null;
        if (Files.isRegularFile(f)) {
            try {
                existing = Json.readFile("out", f);
            } catch (IllegalArgumentException e) {
                existing = null;
            }
        }
        if (!root.equals(existing)) {
            throw new ParameterException(
                    "out",
                    "must be a new or empty folder, or an earlier merge of the same sweep (it is replaced)",
                    out);
        }
    }

    private static byte[] readBytes(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
