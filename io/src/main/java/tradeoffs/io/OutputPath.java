package tradeoffs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tradeoffs.theory.ParameterException;

/**
 * Checks of an output location before any work, so a run that cannot write its results is refused
 * at once (exit 2 on the command line) instead of after hours of computing. Nothing is created:
 * a refused run leaves the file system as it was. Every problem is a {@link ParameterException}
 * about the parameter that named the location (the caller renames it, e.g. {@code out} →
 * {@code --out}).
 */
public final class OutputPath {
    private OutputPath() {}

    /**
     * {@code dir} can be written as a results folder: not empty text, not an existing file, and
     * either an existing writable folder or creatable (its nearest existing ancestor is a writable
     * folder).
     */
    public static Path requireFolder(String parameter, Path dir) {
        requireNamed(parameter, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(parameter, "must be a folder, not a file", dir);
        }
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) {
                throw new ParameterException(parameter, "must be a writable folder", dir + " (permission denied)");
            }
            return dir;
        }
        requireCreatable(parameter, dir);
        return dir;
    }

    /**
     * {@code dir} can be written as a whole by {@link AtomicFolder} (a temporary folder beside it,
     * renamed into place): {@link #requireFolder}, and its parent is a writable folder or can be
     * created.
     */
    public static Path requireReplaceableFolder(String parameter, Path dir) {
        requireFolder(parameter, dir);
        Path parent = dir.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new ParameterException(parameter, "must not be the root folder", dir);
        }
        if (Files.isDirectory(parent)) {
            if (!Files.isWritable(parent)) {
                throw new ParameterException(
                        parameter,
                        "must be in a writable folder (it is written beside, then renamed)",
                        dir + " (" + parent + ": permission denied)");
            }
            return dir;
        }
        requireCreatable(parameter, parent);
        return dir;
    }

    /**
     * {@code file} can be written (atomically, through a temporary file beside it): not empty text,
     * not an existing folder, its folder writable or creatable.
     */
    public static Path requireFile(String parameter, Path file) {
        requireNamed(parameter, file);
        if (Files.isDirectory(file)) {
            throw new ParameterException(parameter, "must be a file, not a folder", file);
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            throw new ParameterException(parameter, "must be a file in a writable folder", file);
        }
        if (Files.isDirectory(parent)) {
            if (!Files.isWritable(parent)) {
                throw new ParameterException(
                        parameter, "must be in a writable folder", file + " (" + parent + ": permission denied)");
            }
            return file;
        }
        if (Files.exists(parent)) {
            throw new ParameterException(parameter, "must be in a folder", file + " (" + parent + " is a file)");
        }
        requireCreatable(parameter, parent);
        return file;
    }

    /**
     * Whether {@code dir} holds nothing but lock files ({@link FolderLock#isLockFile}); true when
     * it does not exist.
     */
    public static boolean isEmptyFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> FolderLock.isLockFile(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void requireNamed(String parameter, Path p) {
        if (p == null || p.toString().isBlank()) {
            throw new ParameterException(parameter, "must name a path", "''");
        }
    }

    /** The nearest existing ancestor of {@code missing} must be a writable folder. */
    private static void requireCreatable(String parameter, Path missing) {
        Path abs = missing.toAbsolutePath().normalize();
        Path a = abs.getParent();
        while (a != null && !Files.exists(a)) {
            a = a.getParent();
        }
        if (a == null) {
            throw new ParameterException(parameter, "cannot be created", missing);
        }
        if (!Files.isDirectory(a)) {
            throw new ParameterException(parameter, "cannot be created", missing + " (" + a + " is a file)");
        }
        if (!Files.isWritable(a)) {
            throw new ParameterException(parameter, "cannot be created", missing + " (" + a + ": permission denied)");
        }
    }
}
