package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tradeoffs.io.Json;

/**
 * Checks that a {@code manifest.json} is complete: the command and its command line as typed, the
 * commit (compared with what git itself says), the Java, DJL and PyTorch versions, the engine and
 * device (loaded or "not loaded"), and wall times where the total covers every stage.
 */
public final class ManifestAssert {
    private static final String HEAD = gitHead();

    private ManifestAssert() {}

    /** Whether the command used DJL. */
    public enum Engine {
        LOADED,
        NOT_LOADED
    }

    /**
     * Asserts the fields of {@code file}: {@code command}, the {@code args} after "tradeoffs" (plain
     * words, so the command line is them joined by blanks), the versions, and that
     * {@code total_seconds} is positive and at least each of {@code stages} (for {@code sequential}
     * stages, at least their sum). Returns the manifest.
     */
    public static JsonNode complete(
            Path file, String command, List<String> args, Engine engine, boolean sequential, String... stages) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String where = file + ": " + m;
        assertEquals(command, m.get("command").asText(), where);
        assertEquals(args, strings(m.get("arguments")), where);
        assertEquals(
                "tradeoffs " + String.join(" ", args), m.get("command_line").asText(), where);
        JsonNode v = m.get("versions");
        assertEquals(HEAD == null ? "unknown" : HEAD, v.get("commit").asText(), "the commit git reports; " + where);
        assertTrue(v.has("uncommitted_changes"), where);
        assertEquals(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                v.get("java").asText(),
                where);
        assertTrue(v.get("djl").asText().matches("\\d+\\.\\d+\\.\\d+"), where);
        assertTrue(v.get("pytorch").asText().matches("\\d+\\.\\d+\\.\\d+"), where);
        if (engine == Engine.LOADED) {
            assertTrue(
                    v.get("engine")
                            .asText()
                            .startsWith("PyTorch " + v.get("pytorch").asText()),
                    where);
            assertTrue(v.get("device").asText().matches("(cpu|gpu)\\(.*"), where);
        } else {
            assertEquals("not loaded", v.get("engine").asText(), where);
            assertEquals("not loaded", v.get("device").asText(), where);
        }
        JsonNode t = m.get("timings");
        double total = t.get("total_seconds").asDouble();
        assertTrue(total > 0, "total_seconds > 0; " + where);
        double sum = 0;
        for (String s : stages) {
            assertTrue(t.has(s), s + " in " + where);
            double x = t.get(s).asDouble();
            assertTrue(x >= 0 && total >= x, s + " within the total; " + where);
            sum += x;
        }
        assertTrue(!sequential || total >= sum, "sequential stages within the total; " + where);
        assertTrue(t.get("started").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), where);
        return m;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /** HEAD of this checkout from git itself, or null without git or a checkout. */
    private static String gitHead() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
