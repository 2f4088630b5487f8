package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeepPreviewCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new DeepPreviewCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setParameterExceptionHandler(Errors::onParameterException);
        cl.setExecutionExceptionHandler(Errors::onExecutionException);
        return cl.execute(args);
    }

    @Test
    void writesOnePngPerVariantAndAManifest(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        int code = run(err, "--out", dir.toString(), "--classes", "3", "--image-size", "16",
                "--per-class", "2", "--zoom", "2");
        assertEquals(0, code, err.toString());
        for (String v : new String[] {"original", "only_fg", "no_fg", "only_bg_b", "only_bg_t",
            "mixed_same", "mixed_rand", "mixed_next", "variants", "groups"}) {
            Path f = dir.resolve(v + ".png");
            assertTrue(Files.isRegularFile(f), v);
        }
        // Grid of 3 rows (classes) x 2 columns, each 16*2 px plus 2 px gaps: 2*(32+2)+2 = 70 wide.
        BufferedImage img = ImageIO.read(dir.resolve("original.png").toFile());
        assertEquals(70, img.getWidth());
        assertEquals(3 * 34 + 2, img.getHeight());
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\" : \"deep preview\""), manifest);
        assertTrue(manifest.contains("\"classes\" : 3"), manifest);
    }

    @Test
    void badKnobsAreExitTwoNamingTheFlag(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--out", dir.toString(), "--rho", "1.5"));
        assertTrue(err.toString().contains("--rho must be in [0,1] (got 1.5)"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "--out", dir.toString(), "--bg-contrast", "-1"));
        assertTrue(err.toString().contains("--bg-contrast must be >= 0"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "--out", dir.toString(), "--classes", "1"));
        assertTrue(err.toString().contains("--classes must be in [2,10]"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "--out", dir.toString(), "--foregrounds", "cifar"));
        assertTrue(err.toString().contains("--foregrounds must be one of"), err.toString());
    }

    @Test
    void missingFashionMnistFolderIsExitTwoNamingIt(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("nowhere");
        assertEquals(2, run(err, "--out", dir.toString(), "--foregrounds", "fashion-mnist", "--data", missing.toString()));
        assertTrue(err.toString().contains(missing.toString()), err.toString());
    }
}
