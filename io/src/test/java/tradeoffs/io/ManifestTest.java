package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    /** Runs a program; its stdout, or null when it cannot run or fails. */
    static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(false)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Test
    void commandLineIsTheArgumentsAsTypedAndAShellReadsItBack() {
        List<String> args =
                List.of("sweep", "--config", "my grid.yaml", "--eps", "8/255", "--label", "bg<fg", "it's", "");
        String line = Manifest.commandLine(args);
        assertEquals("tradeoffs sweep --config 'my grid.yaml' --eps 8/255 --label 'bg<fg' 'it'\\''s' ''", line);
        // an independent reader: a POSIX shell splits the line back into the same words
        String words = run(
                Path.of("."),
                "sh",
                "-c",
                "set -- " + line.substring("tradeoffs ".length()) + "; for a in \"$@\"; do printf '[%s]' \"$a\"; done");
        assumeTrue(words != null, "no POSIX shell");
        StringBuilder expected = new StringBuilder();
        args.forEach(a -> expected.append('[').append(a).append(']'));
        assertEquals(expected.toString(), words);
    }

    @Test
    void totalTimeRunsFromTheStartOfTheCommandToTheWriting(@TempDir Path dir) throws IOException {
        // total_seconds used to be measured from the Manifest's creation, which several commands
        // did just before writing it: 0.0. Now the start is the command's.
        long startNanos = System.nanoTime() - 2_500_000_000L;
        Manifest m = new Manifest("deep train")
                .startedAt(Instant.now().minusMillis(2500), startNanos)
                .arguments(List.of("deep", "train", "--out", "x"))
                .timing("training_seconds", 2.0);
        m.writeTo(dir);
        JsonNode j = Json.MAPPER.readTree(dir.resolve("manifest.json").toFile());
        double total = j.get("timings").get("total_seconds").asDouble();
        assertTrue(
                total >= 2.5
                        && total >= j.get("timings").get("training_seconds").asDouble(),
                j.toString());
        assertEquals("tradeoffs deep train --out x", j.get("command_line").asText());
        assertEquals(List.of("deep", "train", "--out", "x"), list(j.get("arguments")));
        assertEquals(Manifest.NOT_LOADED, j.get("versions").get("engine").asText());
        assertEquals(Manifest.NOT_LOADED, j.get("versions").get("device").asText());
        assertEquals(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                j.get("versions").get("java").asText());
    }

    @Test
    void versionsNameTheCommitTheBuildRecordedAndTheEngineWhenLoaded() {
        Map<String, Object> m =
                new Manifest("x").engine("PyTorch 2.5.1").device("cpu()").toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) m.get("versions");
        assertEquals("PyTorch 2.5.1", v.get("engine"));
        assertEquals("cpu()", v.get("device"));
        BuildInfo b = BuildInfo.current();
        assertEquals(b.version(), v.get("tradeoffs"));
        assertFalse(b.version().equals("unknown"), "the build wrote " + BuildInfo.RESOURCE);
        // The commit, from git itself: the build recorded HEAD of this checkout (tests run in the
        // same build). Without git or outside a checkout the build records none.
        String head = run(Path.of("."), "git", "rev-parse", "HEAD");
        if (head == null) {
            assertEquals("unknown", v.get("commit"));
        } else {
            assertEquals(head.trim(), v.get("commit"));
            assertTrue(b.commitText().startsWith(head.trim()));
        }
        // the DJL and PyTorch versions of the build, from the parent pom's properties
        assertTrue(b.djl().matches("\\d+\\.\\d+\\.\\d+"), b.djl());
        assertTrue(b.pytorch().matches("\\d+\\.\\d+\\.\\d+"), b.pytorch());
        assertTrue(b.pytorchNative().startsWith("pytorch-native-"), b.pytorchNative());
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    @Test
    void resourceIsWhatTheBuildWrote() throws IOException {
        Path res = Path.of("target", "classes", "tradeoffs", "io", BuildInfo.RESOURCE);
        assumeTrue(Files.exists(res), "run by Maven from the io module");
        String text = Files.readString(res);
        BuildInfo b = BuildInfo.read();
        assertTrue(text.contains("version=" + b.version() + "\n") && text.contains("djl=" + b.djl() + "\n"), text);
    }
}
