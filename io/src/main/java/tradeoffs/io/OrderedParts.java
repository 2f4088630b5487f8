package tradeoffs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tradeoffs.theory.parallel.IndexedTasks;

/**
 * One output made of parts 0..n−1 that are computed concurrently and written in order, in memory
 * that does not grow with the parts' size. Parts run on a fixed number of threads in index order
 * ({@link IndexedTasks}); the part at the head (every earlier part already written) writes
 * straight to the output; a part that starts while an earlier one is still running writes to a
 * temporary spill file beside the output, which is appended (and deleted) once every part before
 * it is written. The bytes are those of running the parts one after another, whatever the
 * thread count.
 */
public final class OrderedParts {
    /** One part: writes its bytes to the stream it is given (and returns how many rows it wrote). */
    @FunctionalInterface
    public interface Part {
        long writeTo(OutputStream out) throws IOException;
    }

    /** Supplies part i. */
    @FunctionalInterface
    public interface Parts {
        Part part(int index);
    }

    private final OutputStream out;
    private final Path spillDir;
    private final boolean[] done;
    private final Path[] spills;
    private int head;

    private OrderedParts(OutputStream out, Path spillDir, int count) {
        this.out = out;
        this.spillDir = spillDir;
        this.done = new boolean[count];
        this.spills = new Path[count];
    }

    /**
     * Writes parts 0..count−1 to {@code out} in order, computing them on {@code threads} threads;
     * spill files go to {@code spillDir}. Returns the sum of the parts' row counts. On failure
     * every spill file is removed and the exception is rethrown.
     */
    public static long write(OutputStream out, Path spillDir, int count, int threads, Parts parts) {
        OrderedParts o = new OrderedParts(out, spillDir, count);
        try {
            long rows = 0;
            for (long r : IndexedTasks.map(count, threads, i -> o.run(i, parts.part(i)))) {
                rows += r;
            }
            return rows;
        } finally {
            o.removeSpills();
        }
    }

    private long run(int i, Part part) {
        try {
            Path spill = startPart(i);
            long rows;
            if (spill == null) {
                rows = part.writeTo(out);
            } else {
                try (OutputStream s = Files.newOutputStream(spill)) {
                    rows = part.writeTo(s);
                }
            }
            finishPart(i);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write part " + i + ": " + e.getMessage(), e);
        }
    }

    /** Null when part i is at the head (it writes to the output), else its new spill file. */
    private synchronized Path startPart(int i) throws IOException {
        if (head == i) {
            return null;
        }
        Files.createDirectories(spillDir);
        Path spill = Files.createTempFile(spillDir, ".part" + i + ".", ".tmp");
        spill.toFile().deleteOnExit();
        spills[i] = spill;
        return spill;
    }

    /** Marks part i done and appends every finished spill now at the head, in order. */
    private synchronized void finishPart(int i) throws IOException {
        done[i] = true;
        while (head < done.length && done[head]) {
            Path spill = spills[head];
            if (spill != null) {
                Files.copy(spill, out);
                Files.delete(spill);
                spills[head] = null;
            }
            head++;
        }
        out.flush();
    }

    private synchronized void removeSpills() {
        for (Path s : spills) {
            if (s != null) {
                try {
                    Files.deleteIfExists(s);
                } catch (IOException ignored) {
                    // best effort: a spill file is never mistaken for a result (dot name, .tmp)
                }
            }
        }
    }
}
