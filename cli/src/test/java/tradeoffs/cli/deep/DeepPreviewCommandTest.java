package tradeoffs.cli.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.CliRun;
import tradeoffs.cli.ManifestAssert;

class DeepPreviewCommandTest {

    private static CliRun run(String... args) {
        return CliRun.command(new DeepCommand(), DeepCommandTest.concat(new String[] {"preview"}, args));
    }

    @Test
    void writesOnePngPerVariantAndAManifest(@TempDir Path dir) throws Exception {
        CliRun r =
                run("--out", dir.toString(), "--classes", "3", "--image-size", "16", "--per-class", "2", "--zoom", "2");
        assertEquals(0, r.code(), r.err());
        for (String v : new String[] {
            "original",
            "only_fg",
            "no_fg",
            "only_bg_b",
            "only_bg_t",
            "mixed_same",
            "mixed_rand",
            "mixed_next",
            "variants",
            "groups"
        }) {
            Path f = dir.resolve(v + ".png");
            assertTrue(Files.isRegularFile(f), v);
        }
        // Grid of 3 rows (classes) x 2 columns, each 16*2 px plus 2 px gaps: 2*(32+2)+2 = 70 wide.
        BufferedImage img = ImageIO.read(dir.resolve("original.png").toFile());
        assertEquals(70, img.getWidth());
        assertEquals(3 * 34 + 2, img.getHeight());
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"classes\" : 3"), manifest);
        // images only: the preview never starts DJL
        ManifestAssert.complete(
                dir.resolve("manifest.json"),
                "deep preview",
                DeepCommandTest.typed(
                        "preview",
                        "--out",
                        dir.toString(),
                        "--classes",
                        "3",
                        "--image-size",
                        "16",
                        "--per-class",
                        "2",
                        "--zoom",
                        "2"),
                ManifestAssert.Engine.NOT_LOADED,
                true,
                "preview_seconds");
    }

    @Test
    void badKnobsAreExitTwoNamingTheFlag(@TempDir Path dir) {
        CliRun r = run("--out", dir.toString(), "--rho", "1.5");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--rho must be in [0,1] (got 1.5)"), r.err());

        r = run("--out", dir.toString(), "--bg-contrast", "-1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--bg-contrast must be >= 0"), r.err());

        r = run("--out", dir.toString(), "--classes", "1");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--classes must be in [2,10]"), r.err());

        r = run("--out", dir.toString(), "--foregrounds", "cifar");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--foregrounds must be one of"), r.err());
    }

    @Test
    void missingFashionMnistFolderIsExitTwoNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        CliRun r = run("--out", dir.toString(), "--foregrounds", "fashion-mnist", "--data", missing.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());
    }
}
