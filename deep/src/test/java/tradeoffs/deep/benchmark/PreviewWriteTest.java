package tradeoffs.deep.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;

/** {@link Preview#writeInto}: the PNG files and a manifest that names them and the knobs. */
class PreviewWriteTest {
    @Test
    void writesTheGridsAndAManifestNamingThem(@TempDir Path dir) {
        BenchmarkParams params = BenchmarkParams.defaults().withImageSize(8).withClasses(3);
        List<Path> files = Preview.writeInto(params, 2, dir, 2, 1, new Manifest("deep preview"));
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f.toString());
            names.add(f.getFileName().toString());
        }
        assertTrue(names.contains("variants.png") && names.contains("groups.png"), names.toString());
        JsonNode m = Json.readFile("manifest", dir.resolve("manifest.json"));
        assertEquals(2, m.path("parameters").path("per_class").asInt());
        assertEquals(3, m.path("parameters").path("classes").asInt());
        List<String> listed = new ArrayList<>();
        m.path("files").forEach(n -> listed.add(n.asText()));
        assertEquals(names, listed);
    }
}
