package tradeoffs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tradeoffs.theory.ParameterException;

/**
 * A text file the user hands in (a sweep config, a model file): read whole, as strict UTF-8, with
 * every problem a {@link ParameterException} about the parameter that named the file (the caller
 * renames it to its flag, e.g. {@code config} → {@code --config}). Refused: a missing path, a
 * folder, an unreadable file, a file larger than {@link #MAX_BYTES}, bytes that are not UTF-8
 * and text with NUL characters (a binary file). A leading byte-order mark is dropped (editors on
 * Windows write one).
 */
public final class InputFile {
    /** The largest input file read (64 MiB): far above any config, far below the heap. */
    public static final long MAX_BYTES = 64L << 20;

    private InputFile() {}

    /** The file's text (without a leading BOM). */
    public static String readText(String parameter, Path file) {
        if (file == null || file.toString().isEmpty()) {
            throw new ParameterException(parameter, "must name a file", "''");
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(parameter, "must be a file, not a folder", file);
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ParameterException(
                        parameter, "must be at most " + (MAX_BYTES >> 20) + " MiB", file + ": " + size + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ParameterException(parameter, "must be an existing file", file);
        } catch (AccessDeniedException e) {
            throw new ParameterException(parameter, "must be a readable file", file + ": permission denied");
        } catch (IOException e) {
            throw new ParameterException(parameter, "must be a readable file", file + ": " + e.getMessage());
        }
        String text;
        try {
            text = strictUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw new ParameterException(parameter, "must be UTF-8 text", file + ": binary or another encoding");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ParameterException(parameter, "must be UTF-8 text", file + ": binary (NUL characters)");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** {@code bytes} decoded as UTF-8, refusing malformed input rather than replacing it. */
    public static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
