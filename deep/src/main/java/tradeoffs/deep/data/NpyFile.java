package tradeoffs.deep.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array (format versions 1.0–3.0, as described in NumPy's
 * {@code numpy.lib.format} documentation): the magic bytes {@code \x93NUMPY}, a major and minor
 * version byte, a little-endian header length (2 bytes in version 1, 4 bytes after), an ASCII
 * header holding a Python dict with {@code descr}, {@code fortran_order} and {@code shape}, then the
 * raw values. The backgrounds challenge ships its foreground masks ({@code fg_mask}) this way.
 * Numeric types read: booleans, signed and unsigned integers of 1–8 bytes and 4- or 8-byte floats,
 * either byte order; values are returned as doubles in C (row-major) order.
 *
 * @param file   the file read
 * @param shape  the array's shape
 * @param values product(shape) values, row-major
 */
public record NpyFile(Path file, int[] shape, double[] values) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads {@code file}; a missing, truncated or malformed file is an IllegalArgumentException naming it. */
    public static NpyFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("NumPy file " + file + " does not exist");
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read NumPy file " + file + ": " + e.getMessage(), e);
        }
        if (all.length < 10 || !Arrays.equals(Arrays.copyOf(all, 6), MAGIC)) {
            throw bad(file, "does not start with the .npy magic bytes \\x93NUMPY");
        }
        int major = all[6] & 0xff;
        ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (all.length < 12) {
                throw bad(file, "is truncated inside its header");
            }
            headerLength = in.getInt(8);
            headerStart = 12;
        } else {
            throw bad(file, "has format version " + major + " (versions 1 to 3 are read)");
        }
        if (headerLength < 0 || headerStart + headerLength > all.length) {
            throw bad(file, "is truncated inside its header");
        }
        String header = new String(
                all, headerStart, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, file, "fortran_order"));
        int[] shape = shape(group(SHAPE, header, file, "shape"), file);
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (descr.length() < 3) {
            throw bad(file, "has an unknown dtype '" + descr + "'");
        }
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = descr.charAt(1);
        int width;
        try {
            width = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw bad(file, "has an unknown dtype '" + descr + "'");
        }
        boolean known = switch (kind) {
            case 'b' -> width == 1;
            case 'u', 'i' -> width == 1 || width == 2 || width == 4 || width == 8;
            case 'f' -> width == 4 || width == 8;
            default -> false;
        };
        if (!known) {
            throw bad(file, "has dtype '" + descr + "' (booleans, integers and 4- or 8-byte floats are read)");
        }
        int dataStart = headerStart + headerLength;
        if (count > Integer.MAX_VALUE / 8 || all.length - dataStart < count * width) {
            throw bad(file, "is truncated: its header declares " + count + " values of " + width + " bytes");
        }
        ByteBuffer data =
                ByteBuffer.wrap(all, dataStart, all.length - dataStart).slice().order(order);
        double[] raw = new double[(int) count];
        for (int i = 0; i < raw.length; i++) {
            int at = i * width;
            raw[i] = switch (kind) {
                case 'b' -> data.get(at) != 0 ? 1 : 0;
                case 'u' ->
                    switch (width) {
                        case 1 -> data.get(at) & 0xff;
                        case 2 -> data.getShort(at) & 0xffff;
                        case 4 -> data.getInt(at) & 0xffffffffL;
                        default -> unsigned(data.getLong(at));
                    };
                case 'i' ->
                    switch (width) {
                        case 1 -> data.get(at);
                        case 2 -> data.getShort(at);
                        case 4 -> data.getInt(at);
                        default -> data.getLong(at);
                    };
                default -> width == 4 ? data.getFloat(at) : data.getDouble(at);
            };
        }
        return new NpyFile(file, shape, fortran ? toRowMajor(raw, shape) : raw);
    }

    private static double unsigned(long v) {
        double d = v & Long.MAX_VALUE;
        return v < 0 ? d + 0x1p63 : d;
    }

    /** Column-major values of {@code shape} in row-major order. */
    private static double[] toRowMajor(double[] colMajor, int[] shape) {
        double[] out = new double[colMajor.length];
        int[] idx = new int[shape.length];
        for (int r = 0; r < out.length; r++) {
            int c = 0;
            int stride = 1;
            for (int d = 0; d < shape.length; d++) {
                c += idx[d] * stride;
                stride *= shape[d];
            }
            out[r] = colMajor[c];
            for (int d = shape.length - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }

    private static int[] shape(String text, Path file) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int n = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw bad(file, "has a malformed shape (" + text + ")");
            }
            if (out[i] < 0) {
                throw bad(file, "has a negative size in its shape (" + text + ")");
            }
        }
        return out;
    }

    private static String group(Pattern p, String header, Path file, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw bad(file, "has no '" + key + "' in its header");
        }
        return m.group(1);
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("NumPy file " + file + " " + what);
    }
}
