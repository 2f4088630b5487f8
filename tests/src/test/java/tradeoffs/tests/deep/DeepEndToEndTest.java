package tradeoffs.tests.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.Main;
import tradeoffs.io.ResultTable;

/** The launcher's entry point end to end: same seed → same checkpoint bytes; eval reads it back. */
class DeepEndToEndTest {
    static final String[] TRAIN = {
        "deep",
        "train",
        "--image-size",
        "8",
        "--classes",
        "3",
        "--train-size",
        "64",
        "--test-size",
        "16",
        "--epochs",
        "1",
        "--batch-size",
        "16",
        "--steps",
        "2",
        "--norm",
        "l1",
        "--eps",
        "1.5",
        "--device",
        "cpu",
        "--seed",
        "9",
        "--out"
    };

    static String[] with(String[] a, String last) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = last;
        return r;
    }

    @Test
    void sameSeedSameCheckpointAndEvalReadsIt(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, Main.run(with(TRAIN, a.toString())));
        assertEquals(0, Main.run(with(TRAIN, b.toString())));
        assertArrayEquals(
                Files.readAllBytes(a.resolve("model.params")),
                Files.readAllBytes(b.resolve("model.params")),
                "l1-PGD adversarial training with the same seed gives the same parameters byte for byte");
        Path ev = dir.resolve("eval");
        assertEquals(
                0,
                Main.run(
                        "deep",
                        "eval",
                        "--checkpoint",
                        a.toString(),
                        "--norm",
                        "l1",
                        "--eps",
                        "0,1.5,30",
                        "--test-size",
                        "16",
                        "--eval-steps",
                        "2",
                        "--loss",
                        "ce+beta",
                        "--out",
                        ev.toString()));
        ResultTable robust = ResultTable.readCsv(ev.resolve("robust.csv"));
        double[] r = robust.doubles("robust_accuracy");
        assertTrue(r[0] >= r[1] && r[1] >= r[2], "never rises with eps: " + java.util.Arrays.toString(r));
        assertEquals("l1", robust.get(0, "train_norm"));
    }
}
