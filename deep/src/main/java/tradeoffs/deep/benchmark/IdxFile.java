package tradeoffs.deep.benchmark;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file of unsigned bytes (the format of MNIST and Fashion-MNIST; LeCun et al.): magic
 * number 0x0000 08 d (type 0x08 = unsigned byte, d dimensions), then d big-endian 32-bit sizes,
 * then the bytes in row-major order. Files ending in {@code .gz} are decompressed on the fly.
 *
 * @param file the file read
 * @param dims the sizes, e.g. {60000, 28, 28} for images or {60000} for labels
 * @param data the bytes, product(dims) of them
 */
public record IdxFile(Path file, int[] dims, byte[] data) {

    /** Items along the first dimension. */
    public int count() {
        return dims[0];
    }

    /** Reads an IDX file; a missing, truncated or malformed file is an IllegalArgumentException naming it. */
    public static IdxFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("IDX file " + file + " does not exist");
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            int magic = data.readInt();
            int type = (magic >>> 8) & 0xff;
            int nd = magic & 0xff;
            if ((magic >>> 16) != 0 || type != 0x08 || nd < 1 || nd > 4) {
                throw new IllegalArgumentException("IDX file " + file + " has a bad magic number 0x"
                        + Integer.toHexString(magic) + " (expected 0x0000080d: unsigned bytes, 1 to 4 dimensions)");
            }
            int[] dims = new int[nd];
            long total = 1;
            for (int i = 0; i < nd; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IllegalArgumentException("IDX file " + file + " has a negative size " + dims[i]);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("IDX file " + file + " is too large (" + total + " values)");
            }
            byte[] bytes = new byte[(int) total];
            data.readFully(bytes);
            if (data.read() != -1) {
                throw new IllegalArgumentException(
                        "IDX file " + file + " has bytes after the " + total + " values its header declares");
            }
            return new IdxFile(file, dims, bytes);
        } catch (EOFException e) {
            throw new IllegalArgumentException(
                    "IDX file " + file + " is truncated (fewer values than its header declares)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }
}
