package tradeoffs.figures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tradeoffs.io.ResultTable;

/**
 * The result tables of one folder, by name (file name without {@code .csv}). Figures and the
 * report read only these, so anything they show can be redrawn from the folder alone.
 */
public final class ResultsFolder {
    private final Path dir;
    private final Map<String, ResultTable> tables;

    private ResultsFolder(Path dir, Map<String, ResultTable> tables) {
        this.dir = dir;
        this.tables = tables;
    }

    /** Reads every {@code *.csv} directly inside {@code dir}. */
    public static ResultsFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("results folder does not exist: " + dir);
        }
        Map<String, ResultTable> tables = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".csv") && !name.startsWith(".") && Files.isRegularFile(f)) {
                    tables.put(name.substring(0, name.length() - 4), ResultTable.readCsv(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return new ResultsFolder(dir, tables);
    }

    /** A folder made of tables held in memory (tests, and callers that have not written them yet). */
    public static ResultsFolder of(Path dir, Map<String, ResultTable> tables) {
        return new ResultsFolder(dir, new TreeMap<>(tables));
    }

    public Path dir() {
        return dir;
    }

    /** The table of that name, or else of one of its {@link ResultSchema#ALIASES}. */
    public Optional<ResultTable> table(String name) {
        return Optional.ofNullable(lookup(name));
    }

    private ResultTable lookup(String name) {
        ResultTable t = tables.get(name);
        if (t == null) {
            for (String alias : ResultSchema.ALIASES.getOrDefault(name, List.of())) {
                t = tables.get(alias);
                if (t != null) {
                    break;
                }
            }
        }
        return t;
    }

    /** The table (or an alias of it), or an exception naming what is missing. */
    public ResultTable require(String name) {
        ResultTable t = lookup(name);
        if (t == null) {
            throw new IllegalArgumentException("no table " + ResultSchema.file(name) + " in " + dir);
        }
        return t;
    }

    public Collection<String> names() {
        return tables.keySet();
    }

    /**
     * Why the folder cannot feed something that needs {@code table} with {@code columns}, or
     * empty when it can.
     */
    public Optional<String> missing(String table, List<String> columns) {
        ResultTable t = lookup(table);
        if (t == null) {
            return Optional.of("no " + ResultSchema.file(table));
        }
        for (String c : columns) {
            if (!t.hasColumn(c)) {
                return Optional.of(ResultSchema.file(table) + " has no column '" + c + "'");
            }
        }
        if (t.size() == 0) {
            return Optional.of(ResultSchema.file(table) + " has no rows");
        }
        return Optional.empty();
    }
}
