package tradeoffs.cli.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.CliRun;
import tradeoffs.io.ResultTable;

/** {@code deep train | eval | sweep} end to end on tiny settings, and their bad-input exits. */
class DeepCommandTest {
    static final String[] TINY = {"--image-size", "8", "--classes", "3", "--train-size", "96", "--test-size", "30",
        "--epochs", "1", "--batch-size", "32", "--steps", "2"};

    static CliRun run(String... args) {
        return CliRun.command(new DeepCommand(), args);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void trainThenEvalWritesCheckpointTablesAndManifests(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("linf");
        String[] args = concat(new String[] {"train"}, TINY);
        CliRun r = run(concat(args, "--norm", "linf", "--eps", "0.03", "--device", "cpu", "--out", ckpt.toString()));
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.params", "model.json", "train_log.csv", "manifest.json"}) {
            assertTrue(Files.isRegularFile(ckpt.resolve(f)), f);
        }
        assertTrue(Files.readString(ckpt.resolve("model.json")).contains("\"norm\" : \"linf\""));

        Path ev = dir.resolve("eval");
        r = run("eval", "--checkpoint", ckpt.toString(), "--norm", "linf", "--eps", "0,0.05,0.5",
                "--test-size", "30", "--eval-steps", "3", "--out", ev.toString());
        assertEquals(0, r.code(), r.err());
        ResultTable robust = ResultTable.readCsv(ev.resolve("robust.csv"));
        assertEquals(3, robust.size());
        double[] acc = robust.doubles("robust_accuracy");
        assertTrue(acc[0] >= acc[1] && acc[1] >= acc[2], "robust accuracy never rises with eps");
        assertEquals(robust.getDouble(0, "clean_accuracy"), acc[0], 0.0, "eps = 0 is clean accuracy");
        ResultTable bg = ResultTable.readCsv(ev.resolve("background.csv"));
        assertTrue(bg.where("metric", "bg_gap").size() == 1 && bg.where("metric", "worst_group_accuracy").size() == 1);
        assertTrue(Files.readString(ev.resolve("manifest.json")).contains("\"command\" : \"deep eval\""));
    }

    @Test
    void sweepTrainsEachRegimeAndResumes(@TempDir Path dir) throws Exception {
        String[] args = concat(concat(new String[] {"sweep"}, TINY), "--train-norm", "standard,l2",
                "--train-eps-l2", "0.5", "--eval-norm", "l2", "--eps-l2", "0,0.5", "--eval-steps", "2",
                "--device", "cpu", "--out", dir.toString());
        CliRun first = run(args);
        assertEquals(0, first.code(), first.err());
        ResultTable training = ResultTable.readCsv(dir.resolve("deep_training.csv"));
        assertEquals(java.util.List.of("standard", "l2"), training.strings("train_norm"));
        ResultTable reliance = ResultTable.readCsv(dir.resolve("deep_reliance.csv"));
        assertEquals(2, reliance.where("metric", "bg_gap").size());
        assertEquals(4, ResultTable.readCsv(dir.resolve("deep_robust.csv")).size());

        CliRun again = run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("reusing checkpoint"), again.err());
        assertEquals(reliance, ResultTable.readCsv(dir.resolve("deep_reliance.csv")), "a resumed sweep gives the same table");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        String o = dir.resolve("o").toString();
        expectBad("--norm must be one of l1, l2, linf (got 'l3')", "train", "--norm", "l3", "--eps", "1", "--out", o);
        expectBad("--eps must be >= 0 (got -0.1)", "train", "--norm", "linf", "--eps", "-0.1", "--out", o);
        expectBad("--eps-l2 values must be >= 0", "eval", "--checkpoint", o, "--eps-l2", "-1", "--out", o);
        Path missing = dir.resolve("missing");
        expectBad("--checkpoint must be an existing checkpoint folder (got " + missing + ")", "eval", "--checkpoint",
                missing.toString(), "--out", o);
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        Files.writeString(corrupt.resolve("model.json"), "{\"format\": 3");
        expectBad("checkpoint " + corrupt + ": model.json is not valid JSON", "eval", "--checkpoint",
                corrupt.toString(), "--out", o);
        Path idx = dir.resolve("fmnist");
        Files.createDirectories(idx);
        Files.write(idx.resolve("train-images-idx3-ubyte"), new byte[] {1, 2, 3});
        Files.write(idx.resolve("train-labels-idx1-ubyte"), new byte[] {1, 2, 3});
        expectBad(idx.toString(), "train", "--foregrounds", "fashion-mnist", "--data", idx.toString(), "--out", o);
        expectBad("--model must be one of cnn, resnet, mlp, linear (got 'vgg')", "train", "--model", "vgg", "--out", o);
    }

    static void expectBad(String fragment, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("error: ") && first.contains(fragment), r.err());
        assertTrue(r.err().lines().count() <= 2, "one line (plus a usage hint at most): " + r.err());
    }
}
