package tradeoffs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a killed run never leaves a broken one: the bytes go to a temporary file
 * in the target's folder, which is then renamed over the target (atomically where the file
 * system allows).
 */
public final class AtomicFiles {

    /** Something that writes the whole content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code text} as UTF-8 to {@code target}, atomically. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code bytes} to {@code target}, atomically. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes through {@code writer} into a temporary sibling of {@code target}, then renames it.
     * The parent folder is created if missing. On failure the temporary file is removed and the
     * target is left as it was.
     */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            // a run stopped by a signal (SIGINT, SIGTERM) removes its temporary file on the way out
            tmp.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.writeTo(out);
            }
            // createTempFile makes the file owner-only; results are meant to be shared like any other file
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name never shadows a real result
                }
            }
        }
    }
}
