package tradeoffs.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import tradeoffs.theory.ParameterException;

/**
 * Writes a folder as a set: every file goes into {@code .NAME.new} beside the target {@code NAME},
 * which is then renamed into place, so a run killed at any moment (SIGKILL included) leaves either
 * the old folder or the new one, never a mix (a checkpoint's parameters beside another training's
 * sidecar).
 *
 * <p>Replacing an existing folder takes two renames (POSIX cannot rename a folder over a
 * non-empty one): {@code NAME → .NAME.old}, then {@code .NAME.new → NAME} (the commit), then
 * {@code .NAME.old} is deleted. A kill between the two renames leaves {@code NAME} missing with both
 * versions whole beside it; {@link #current} reads the new one there, and the next
 * {@link #write} (or {@link #recover}) finishes the commit. The caller holds the folder's
 * {@link FolderLock}, so no two writers use the temporary names at once.
 */
public final class AtomicFolder {
    /** Writes the content of the new folder into the (empty, existing) folder it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeInto(Path folder) throws IOException;
    }

    private AtomicFolder() {}

    /** {@code .NAME.new}: the folder being written. */
    public static Path pending(Path target) {
        return sibling(target, ".new");
    }

    /** {@code .NAME.old}: the replaced folder, until it is deleted. */
    public static Path replaced(Path target) {
        return sibling(target, ".old");
    }

    /**
     * Writes {@code writer}'s files as the folder {@code target}. An existing target is replaced
     * when {@code replace}, or when it holds nothing but lock files; otherwise it is an
     * IllegalStateException (callers check up front and name their parameter). On failure the
     * target is left as it was and the temporary folder removed.
     */
    public static void write(Path target, boolean replace, Writer writer) {
        Path t = target.toAbsolutePath().normalize();
        recover(t);
        if (Files.exists(t) && !replace && !OutputPath.isEmptyFolder(t)) {
            throw new IllegalStateException(t + " exists and is not empty");
        }
        Path fresh = pending(t);
        Path old = replaced(t);
        try {
            Files.createDirectories(fresh);
            writer.writeInto(fresh);
            if (Files.exists(t)) {
                move(t, old);
                move(fresh, t); // the commit
                deleteTree(old);
            } else {
                move(fresh, t);
            }
        } catch (IOException e) {
            deleteQuietly(fresh);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(fresh);
            throw e;
        }
    }

    /**
     * Claims {@code target} (the value of {@code parameter}) for a run that writes it as a whole:
     * checks that it can be replaced ({@link OutputPath#requireReplaceableFolder}) and is new or
     * empty unless {@code replace} (else a {@link ParameterException} about {@code overwrite}), locks
     * it for this run ({@link FolderLock#exclusive}; a file system without locks is said on {@code
     * err}), finishes an interrupted write ({@link #recover}) and checks again under the lock, since
     * another run may have filled it meanwhile. Close the lock when the run ends.
     */
    public static FolderLock claim(String parameter, Path target, boolean replace, PrintWriter err) {
        OutputPath.requireReplaceableFolder(parameter, target);
        requireEmptyOrReplace(target, replace);
        FolderLock lock = FolderLock.exclusive(parameter, target).noted(err);
        try {
            recover(target);
            requireEmptyOrReplace(target, replace);
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static void requireEmptyOrReplace(Path target, boolean replace) {
        if (!replace && !OutputPath.isEmptyFolder(current(target))) {
            throw new ParameterException(
                    "overwrite", "is needed to replace what the folder holds (it is not new or empty)", target);
        }
    }

    /**
     * Finishes or undoes what a killed {@link #write} left: after the commit's first rename (target
     * missing, {@code .NAME.old} and a whole {@code .NAME.new} beside it) the new folder is renamed
     * into place; otherwise leftover temporary folders are deleted. Call with the folder's lock held.
     */
    public static void recover(Path target) {
        Path t = target.toAbsolutePath().normalize();
        Path fresh = pending(t);
        Path old = replaced(t);
        try {
            if (!Files.exists(t) && Files.isDirectory(old)) {
                move(Files.isDirectory(fresh) ? fresh : old, t);
            }
            deleteTree(fresh);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot recover " + target + " from an interrupted write: " + e.getMessage(), e);
        }
    }

    /**
     * Where the folder's current content is, for readers (who do not hold the lock and must not
     * move anything): {@code target}, or {@code .NAME.new} when a writer was stopped between its two
     * renames.
     */
    public static Path current(Path target) {
        Path t = target.toAbsolutePath().normalize();
        if (!Files.exists(t) && Files.isDirectory(replaced(t)) && Files.isDirectory(pending(t))) {
            return pending(t);
        }
        return target;
    }

    private static Path sibling(Path target, String suffix) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling("." + t.getFileName() + suffix);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and everything in it (nothing when it does not exist). */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // the next write or recover removes it
        }
    }
}
