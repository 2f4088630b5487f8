package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.theory.ParameterException;

/** Where a command's table goes: format checked first, stdout or an atomic file with its manifest. */
class TableSinkTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    TableSink sink(String format, Path file) {
        return TableSink.of(format, file, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void aFormatOtherThanCsvOrJsonIsRefusedNamingFormat() {
        ParameterException e = assertThrows(ParameterException.class, () -> sink("xml", null));
        assertEquals("format", e.parameter());
        assertTrue(sink("JSON", null).csv() == false);
        assertTrue(sink("csv", null).csv());
    }

    @Test
    void aFolderAsOutputFileIsRefusedBeforeAnyWork(@TempDir Path dir) {
        ParameterException e = assertThrows(ParameterException.class, () -> sink("csv", dir));
        assertEquals("out", e.parameter());
    }

    @Test
    void withoutAFileTheTextGoesToStdout() {
        sink("csv", null).emit("a\n1\n", 1, new Manifest("t"));
        assertEquals("a\n1\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void withAFileTheTextAndItsManifestAreWrittenAndTheRowsCounted(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        sink("csv", f).emit("a\n1\n", 1, new Manifest("t").parameter("k", 3));
        assertEquals("a\n1\n", Files.readString(f));
        assertTrue(Files.readString(TableSink.manifestOf(f)).contains("\"k\""));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("wrote 1 rows to " + f), err.toString());
    }

    @Test
    void aSideTableGoesBesideTheFileAndNowhereWithoutOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        sink("csv", f).writeBeside(".extra.csv", "x\n1\n");
        assertEquals("x\n1\n", Files.readString(dir.resolve("t.csv.extra.csv")));
        sink("csv", null).writeBeside(".extra.csv", "y\n");
        assertEquals("", out.toString());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aStreamThatFailsLeavesNoFile(@TempDir Path dir) {
        Path f = dir.resolve("t.csv");
        TableSink s = sink("csv", f);
        assertThrows(
                RuntimeException.class,
                () -> s.stream((os, spill) -> {
                    os.write("a\n".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertFalse(Files.exists(f));
    }

    @Test
    void aStreamToStdoutKeepsCharactersSplitAcrossWrites() {
        byte[] text = "ε,λ\n".getBytes(StandardCharsets.UTF_8);
        long rows = sink("csv", null).stream((os, spill) -> {
            for (byte b : text) {
                os.write(b); // each multi-byte character arrives in pieces
            }
            return 1;
        });
        assertEquals(1, rows);
        assertEquals("ε,λ\n", out.toString());
    }

    @Test
    void jsonRowsHoldNullForNaNAndTheManifestGetsTheParameters(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.json");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", Double.NaN);
        row.put("y", 2.0);
        sink("json", f)
                .writeRows(
                        new Manifest("cmd"),
                        List.of("x", "y"),
                        List.of(row),
                        Map.of("p", 1),
                        Map.of("y", "docs/math.md"),
                        0.5,
                        "note: done");
        String json = Files.readString(f);
        assertTrue(json.contains("\"x\" : null") || json.contains("\"x\":null"), json);
        assertTrue(json.contains("\"command\" : \"cmd\"") || json.contains("\"command\":\"cmd\""), json);
        String manifest = Files.readString(TableSink.manifestOf(f));
        assertTrue(manifest.contains("compute_seconds") && manifest.contains("\"output\""), manifest);
        assertTrue(err.toString().endsWith("note: done" + System.lineSeparator()), err.toString());
    }
}
