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
import tradeoffs.io.AtomicFiles;
import tradeoffs.io.Json;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * Runs a sweep grid into a results folder and merges shard folders.
 *
 * <p>Layout of a results folder: {@code config.json} (the config as given), one file per finished
 * point {@code points/<kind>/<id>.csv} (written atomically when the point completes, so a killed
 * run leaves only whole files), and, once every point of the grid is there, one table per kind
 * {@code <kind>.csv}: the points' rows in grid order, so sharded runs merged and an unsharded run
 * give byte-identical tables. A rerun skips points whose file exists. {@code manifest.json}
 * records how the folder was made.
 */
public final class Sweep {
    private Sweep() {
    }

    /** What a run or a merge did. */
    public record Summary(int gridPoints, int shardPoints, int ran, int skipped, boolean complete, List<Path> tables) {
        public Summary {
            tables = List.copyOf(tables);
        }
    }

    /** The file of a point inside a results folder. */
    public static Path pointFile(Path dir, SweepPoint p) {
        return dir.resolve("points").resolve(p.kind()).resolve(p.id() + ".csv");
    }

    /**
     * Runs the points of {@code shard} that are not finished yet on {@code threads} threads,
     * then writes the tables if the whole grid is finished in {@code out}.
     */
    public static Summary run(SweepConfig config, PointRunners runners, Path out, int threads, Shard shard, Consumer<String> progress) {
        return run(config, runners, out, threads, shard, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #run(SweepConfig, PointRunners, Path, int, Shard, Consumer)}; {@code points} also
     * hears, at the start and after every finished point, how many of the points this run computes
     * are done: ("sweep", done, to run).
     */
    public static Summary run(SweepConfig config, PointRunners runners, Path out, int threads, Shard shard,
            Consumer<String> progress, ProgressListener points) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1 (got " + threads + ")");
        }
        writeConfig(out, config.root());
        Map<String, PointRunner> kinds = runners.asMap();
        List<SweepPoint> all = config.points();
        List<SweepPoint> mine = new ArrayList<>();
        List<SweepPoint> pending = new ArrayList<>();
        for (SweepPoint p : all) {
            if (shard.contains(p.index())) {
                mine.add(p);
                if (!finished(out, p, config, kinds)) {
                    pending.add(p);
                }
            }
        }
        int skipped = mine.size() - pending.size();
        if (progress != null) {
            progress.accept(String.format("sweep: %d grid points, shard %s has %d, %d already finished, %d to run on %d thread(s)",
                    all.size(), shard, mine.size(), skipped, pending.size(), threads));
        }
        AtomicInteger done = new AtomicInteger();
        points.progress("sweep", 0, pending.size());
        // Points run in parallel; when fewer points than threads remain, each point gets the spare
        // threads for its own repetitions (results do not depend on either).
        int inner = pending.isEmpty() ? 1 : Math.max(1, threads / pending.size());
        IndexedTasks.map(pending.size(), Math.max(1, threads / inner), i -> {
            SweepPoint p = pending.get(i);
            long t0 = System.nanoTime();
            ResultTable t = runPoint(config, kinds.get(p.kind()), p, inner);
            t.writeCsv(pointFile(out, p));
            synchronized (done) {
                int d = done.incrementAndGet();
                if (progress != null) {
                    progress.accept(String.format(java.util.Locale.ROOT, "sweep: [%d/%d] %s %s %s done in %.2f s",
                            d, pending.size(), p.id(), p.kind(), config.describe(p), (System.nanoTime() - t0) / 1e9));
                }
                points.progress("sweep", d, pending.size());
            }
            return Boolean.TRUE;
        });
        List<Path> tables = new ArrayList<>();
        boolean complete = true;
        for (SweepPoint p : all) {
            if (!Files.isRegularFile(pointFile(out, p))) {
                complete = false;
                break;
            }
        }
        if (complete) {
            tables = writeTables(config, kinds, List.of(out), out);
        }
        if (progress != null) {
            progress.accept(complete ? "sweep: grid complete, tables: " + tables
                    : "sweep: shard " + shard + " finished; run 'tradeoffs sweep merge' once every shard is done");
        }
        return new Summary(all.size(), mine.size(), pending.size(), skipped, complete, tables);
    }

    /** The rows of one point: parameter cells, then the runner's output cells. */
    static ResultTable runPoint(SweepConfig config, PointRunner runner, SweepPoint p, int threads) {
        List<String> cols = new ArrayList<>(config.parameterColumns());
        cols.addAll(runner.columns());
        ResultTable.Builder b = ResultTable.builder(cols);
        List<List<Object>> rows;
        try {
            rows = runner.run(p, config.section(p), config.seed(), threads);
        } catch (ParameterException e) {
            throw SweepConfig.inKeys(p.kind(), e);
        }
        for (List<Object> out : rows) {
            List<Object> row = new ArrayList<>();
            row.add(p.id());
            row.add(p.model());
            row.addAll(p.parameters().values());
            row.addAll(out);
            b.row(row.toArray());
        }
        return b.build();
    }

    private static boolean finished(Path dir, SweepPoint p, SweepConfig config, Map<String, PointRunner> kinds) {
        Path f = pointFile(dir, p);
        if (!Files.isRegularFile(f)) {
            return false;
        }
        try {
            List<String> expected = new ArrayList<>(config.parameterColumns());
            expected.addAll(kinds.get(p.kind()).columns());
            return ResultTable.readCsv(f).columns().equals(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void writeConfig(Path out, JsonNode root) {
        Path f = out.resolve("config.json");
        if (Files.isRegularFile(f)) {
            JsonNode existing;
            try {
                existing = Json.MAPPER.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            if (!existing.equals(root)) {
                throw new IllegalArgumentException("--out " + out + " holds results of a different sweep config (config.json differs); "
                        + "use a new folder");
            }
            return;
        }
        AtomicFiles.writeString(f, Json.write(root));
    }

    /** Concatenates the point files of each kind, in grid order, into {@code out/<kind>.csv}. */
    private static List<Path> writeTables(SweepConfig config, Map<String, PointRunner> kinds, List<Path> inputs, Path out) {
        Map<String, StringBuilder> csv = new LinkedHashMap<>();
        for (String kind : config.kinds()) {
            List<String> cols = new ArrayList<>(config.parameterColumns());
            cols.addAll(kinds.get(kind).columns());
            csv.put(kind, new StringBuilder(ResultTable.builder(cols).build().toCsv()));
        }
        for (SweepPoint p : config.points()) {
            Path f = locate(inputs, p);
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            int nl = text.indexOf('\n');
            csv.get(p.kind()).append(text.substring(nl + 1));
        }
        List<Path> tables = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> e : csv.entrySet()) {
            Path t = out.resolve(e.getKey() + ".csv");
            AtomicFiles.writeString(t, e.getValue().toString());
            tables.add(t);
        }
        return tables;
    }

    private static Path locate(List<Path> inputs, SweepPoint p) {
        for (Path in : inputs) {
            Path f = pointFile(in, p);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Joins shard folders into {@code out}: checks they ran the same config, copies every point
     * file and writes the tables. Missing points are an IllegalStateException listing them.
     */
    public static Summary merge(List<Path> inputs, PointRunners runners, Path out, Consumer<String> progress) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("sweep merge needs at least one input folder");
        }
        JsonNode root = null;
        for (Path in : inputs) {
            Path f = in.resolve("config.json");
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("input " + in + " has no config.json (not a sweep results folder)");
            }
            JsonNode r;
            try {
                r = Json.MAPPER.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            if (root != null && !root.equals(r)) {
                throw new IllegalArgumentException("input " + in + " ran a different sweep config than " + inputs.get(0));
            }
            root = r;
        }
        SweepConfig config = SweepConfig.of(root, runners.asMap());
        List<String> missing = new ArrayList<>();
        for (SweepPoint p : config.points()) {
            if (locate(inputs, p) == null) {
                missing.add(p.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("merge incomplete: " + missing.size() + " of " + config.points().size()
                    + " points missing (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + (missing.size() > 5 ? ", ..." : "") + "); rerun the shards that hold them");
        }
        writeConfig(out, root);
        for (SweepPoint p : config.points()) {
            Path target = pointFile(out, p);
            Path source = locate(inputs, p);
            if (!source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                try {
                    AtomicFiles.writeBytes(target, Files.readAllBytes(source));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + source, e);
                }
            }
        }
        List<Path> tables = writeTables(config, runners.asMap(), List.of(out), out);
        if (progress != null) {
            progress.accept("sweep merge: " + config.points().size() + " points from " + inputs.size() + " folder(s), tables: " + tables);
        }
        return new Summary(config.points().size(), config.points().size(), 0, 0, true, tables);
    }
}
