package tradeoffs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import tradeoffs.io.schema.LegacyNames;
import tradeoffs.io.schema.TableNames;

/**
 * The result tables of one folder, by name (file name without {@code .csv}). Figures and the
 * report read only these, so anything they show can be redrawn from the folder alone. Column names
 * of older versions are read under their current names ({@link LegacyNames}); {@link #notes} says
 * which, once per folder.
 */
public final class ResultsFolder {
    private final Path dir;
    private final Map<String, ResultTable> tables;
    private final List<String> notes;

    private ResultsFolder(Path dir, Map<String, ResultTable> tables, List<String> notes) {
        this.dir = dir;
        this.tables = tables;
        this.notes = List.copyOf(notes);
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
        return of(dir, tables);
    }

    /** A folder made of tables held in memory (tests, and callers that have not written them yet). */
    public static ResultsFolder of(Path dir, Map<String, ResultTable> tables) {
        Map<String, ResultTable> current = new TreeMap<>();
        List<String> renamed = new ArrayList<>();
        tables.forEach((name, t) -> {
            List<String> cols = LegacyNames.current(t.columns());
            if (cols == null) {
                current.put(name, t);
                return;
            }
            for (int i = 0; i < cols.size(); i++) {
                if (!cols.get(i).equals(t.columns().get(i))) {
                    renamed.add(TableNames.file(name) + ": " + t.columns().get(i) + " → " + cols.get(i));
                }
            }
            current.put(name, new ResultTable(cols, t.rows()));
        });
        List<String> notes = renamed.isEmpty()
                ? List.of()
                : List.of("note: " + dir + " was written by an older " + "version; read with today's column names ("
                        + String.join(", ", renamed) + ")");
        return new ResultsFolder(dir, current, notes);
    }

    /** This folder with {@code extra} tables added in memory (a table of the same name is replaced). */
    public ResultsFolder with(Map<String, ResultTable> extra) {
        Map<String, ResultTable> all = new TreeMap<>(tables);
        all.putAll(extra);
        return new ResultsFolder(dir, all, notes);
    }

    public Path dir() {
        return dir;
    }

    /** What reading the folder had to say (old column names mapped to today's), at most one line each; often empty. */
    public List<String> notes() {
        return notes;
    }

    /** The table of that name, or else of one of its {@link TableNames#ALIASES}. */
    public Optional<ResultTable> table(String name) {
        return Optional.ofNullable(lookup(name));
    }

    private ResultTable lookup(String name) {
        ResultTable t = tables.get(name);
        if (t == null) {
            for (String alias : TableNames.ALIASES.getOrDefault(name, List.of())) {
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
            throw new IllegalArgumentException("no table " + TableNames.file(name) + " in " + dir);
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
            return Optional.of("no " + TableNames.file(table));
        }
        for (String c : columns) {
            if (!t.hasColumn(c)) {
                return Optional.of(TableNames.file(table) + " has no column '" + c + "'");
            }
        }
        if (t.size() == 0) {
            return Optional.of(TableNames.file(table) + " has no rows");
        }
        return Optional.empty();
    }
}
