package tradeoffs.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import tradeoffs.theory.ParameterException;

/**
 * An advisory lock on an output folder, so that two runs never write one folder at the same time
 * ({@link FileChannel#tryLock}: the operating system releases it when the process ends, also on
 * SIGKILL, so a killed run never leaves a stale lock).
 *
 * <p>The lock file is {@code .NAME.lock} beside the folder {@code NAME} (in its parent), so the
 * folder itself can be replaced by a rename while the lock is held (a checkpoint, a merged sweep);
 * when the parent is not writable it is {@code NAME/.tradeoffs.lock} inside an existing folder. The
 * file is empty and stays after the run (deleting a lock file races with a run that has just opened
 * it); it never blocks anything.
 *
 * <p>Byte ranges of the lock file act as separate locks: range 0 is the folder (exclusive for a
 * run that owns the folder; shared for runs that may write side by side, such as sweep shards in
 * one folder), range 1 is a short {@link #commit} section (a check-then-write such as the sweep's
 * {@code config.json}), and range 2 + k is slot k (exclusive; a sweep shard I/N takes one slot
 * per (I, N), so the same shard cannot run twice at once).
 *
 * <p>A second lock on the same lock file from the same JVM is refused like one from another process
 * (Java would otherwise open a second channel, and closing it drops every lock of the process).
 * On a file system without locks (some network mounts) the lock is not held and {@link #note}
 * says so; the run goes on.
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name inside the folder when its parent is not writable. */
    public static final String INSIDE = ".tradeoffs.lock";

    private static final long FOLDER = 0;
    private static final long COMMIT = 1;
    private static final long SLOTS = 2;
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final List<FileLock> locks = new ArrayList<>();
    private final String note;

    private FolderLock(Path file, FileChannel channel, String note) {
        this.file = file;
        this.channel = channel;
        this.note = note;
    }

    /** The folder for this run alone; another run holding it is a {@link ParameterException} about {@code parameter}. */
    public static FolderLock exclusive(String parameter, Path dir) {
        return acquire(parameter, dir, false, -1);
    }

    /**
     * The output folder {@code dir} (the value of {@code parameter}) of a run that writes into it,
     * checked before any work ({@link OutputPath#requireFolder}) and locked for this run alone
     * ({@link #exclusive}), so a second run on the same folder is refused at once. A file system
     * without locks is said on {@code err} and the run goes on.
     */
    public static FolderLock output(String parameter, Path dir, PrintWriter err) {
        OutputPath.requireFolder(parameter, dir);
        return exclusive(parameter, dir).noted(err);
    }

    /** Says this lock's {@link #note} (if any) on {@code err}; returns this lock. */
    FolderLock noted(PrintWriter err) {
        if (note != null) {
            err.println(note);
            err.flush();
        }
        return this;
    }

    /**
     * The folder shared with runs that may write beside this one, and {@code slot} (≥ 0) for this
     * run alone; an exclusive holder of the folder, or another holder of the slot, is a
     * {@link ParameterException} about {@code parameter}.
     */
    public static FolderLock shared(String parameter, Path dir, long slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0 (got " + slot + ")");
        }
        return acquire(parameter, dir, true, slot);
    }

    /** The lock file used for {@code dir}: beside it when its parent is writable, else inside it. */
    public static Path lockFile(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && abs.getFileName() != null && Files.isDirectory(parent) && Files.isWritable(parent)) {
            return parent.resolve("." + abs.getFileName() + ".lock");
        }
        return abs.resolve(INSIDE);
    }

    /** Whether {@code name} is a lock file this class makes (listings of results ignore them). */
    public static boolean isLockFile(String name) {
        return name.equals(INSIDE) || (name.startsWith(".") && name.endsWith(".lock"));
    }

    private static FolderLock acquire(String parameter, Path dir, boolean shared, long slot) {
        Path file = lockFile(dir);
        synchronized (HELD_IN_THIS_JVM) {
            if (HELD_IN_THIS_JVM.contains(file)) {
                throw busy(parameter, dir);
            }
            FileChannel ch;
            try {
                Files.createDirectories(file.getParent());
                ch = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the lock file " + file + ": " + e.getMessage(), e);
            }
            FolderLock l = null;
            try {
                FileLock folder = ch.tryLock(FOLDER, 1, shared);
                if (folder == null) {
                    ch.close();
                    throw busy(parameter, dir);
                }
                l = new FolderLock(file, ch, null);
                l.locks.add(folder);
                if (slot >= 0) {
                    FileLock s = ch.tryLock(SLOTS + slot, 1, false);
                    if (s == null) {
                        l.close();
                        throw busy(parameter, dir);
                    }
                    l.locks.add(s);
                }
            } catch (OverlappingFileLockException e) {
                closeQuietly(ch);
                throw busy(parameter, dir);
            } catch (IOException e) {
                // no locks on this file system: go on unlocked, and say so
                closeQuietly(ch);
                return new FolderLock(
                        file,
                        null,
                        "note: no file lock on the file system of " + dir + " (" + e.getMessage()
                                + "); make sure no other run writes to it");
            }
            HELD_IN_THIS_JVM.add(file);
            return l;
        }
    }

    /**
     * Runs {@code action} while holding the commit range exclusively (waiting for another run's
     * commit to end): for a check-then-write on the folder that concurrent sharing runs must see
     * whole.
     */
    public <T> T commit(Supplier<T> action) {
        if (channel == null) {
            return action.get();
        }
        FileLock c;
        try {
            c = channel.lock(COMMIT, 1, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        try {
            return action.get();
        } finally {
            try {
                c.release();
            } catch (IOException ignored) {
                // closing the channel releases it
            }
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Whether the lock is held (false on a file system without locks). */
    public boolean held() {
        return channel != null;
    }

    /** A line for the user when the lock could not be taken for lack of file locks, else null. */
    public String note() {
        return note;
    }

    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        synchronized (HELD_IN_THIS_JVM) {
            if (!channel.isOpen()) {
                return;
            }
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(file);
        }
    }

    private static ParameterException busy(String parameter, Path dir) {
        return new ParameterException(
                parameter, "is in use by another tradeoffs run: wait for it to end or choose another folder", dir);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // releasing: nothing left to do
        }
    }
}
