package tradeoffs.cli.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.CliRun;
import tradeoffs.cli.ManifestAssert;
import tradeoffs.cli.ManifestAssert.Engine;
import tradeoffs.io.Json;
import tradeoffs.io.ResultTable;

/** {@code deep train | eval | sweep} end to end on tiny settings, and their bad-input exits. */
class DeepCommandTest {
    static final String[] TINY = {
        "--image-size",
        "8",
        "--classes",
        "3",
        "--train-size",
        "96",
        "--test-size",
        "30",
        "--epochs",
        "1",
        "--batch-size",
        "32",
        "--steps",
        "2"
    };

    static CliRun run(String... args) {
        return CliRun.command(new DeepCommand(), args);
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** "deep" and {@code args}: what the manifest's arguments are when run under {@link DeepCommand}. */
    static List<String> typed(String... args) {
        return List.of(concat(new String[] {"deep"}, args));
    }

    @Test
    void trainThenEvalWritesCheckpointTablesAndManifests(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("linf");
        String[] args = concat(
                concat(new String[] {"train"}, TINY),
                "--norm",
                "linf",
                "--eps",
                "8/255",
                "--device",
                "cpu",
                "--format",
                "csv",
                "--out",
                ckpt.toString());
        CliRun r = run(args);
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"model.params", "model.json", "train_log.csv", "manifest.json"}) {
            assertTrue(Files.isRegularFile(ckpt.resolve(f)), f);
        }
        assertTrue(Files.readString(ckpt.resolve("model.json")).contains("\"norm\" : \"linf\""));
        // --eps 8/255 is the fraction, not a rounded decimal; --format csv prints the training log
        JsonNode tm = ManifestAssert.complete(
                ckpt.resolve("manifest.json"), "deep train", typed(args), Engine.LOADED, true, "training_seconds");
        assertEquals(8.0 / 255, tm.get("parameters").get("eps").get(0).asDouble(), 0.0);
        assertEquals(Files.readString(ckpt.resolve("train_log.csv")), r.out());
        assertTrue(r.err().contains("clean test accuracy"), "the summary moves to stderr: " + r.err());
        assertTrue(r.err().contains("training: 96/96 img (100%) in "), "plain progress off a terminal: " + r.err());

        Path ev = dir.resolve("eval");
        String[] evalArgs = {
            "eval",
            "--checkpoint",
            ckpt.toString(),
            "--norm",
            "linf",
            "--eps",
            "0,0.05,0.5",
            "--test-size",
            "30",
            "--eval-steps",
            "3",
            "--rfs-sigma",
            "1/4",
            "--format",
            "json",
            "--quiet",
            "--out",
            ev.toString()
        };
        r = run(evalArgs);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "--quiet");
        ManifestAssert.complete(
                ev.resolve("manifest.json"), "deep eval", typed(evalArgs), Engine.LOADED, true, "eval_seconds");
        JsonNode out = Json.MAPPER.readTree(r.out());
        ResultTable fromJson = table(out.get("robust"));
        assertEquals(ResultTable.readCsv(ev.resolve("robust.csv")), fromJson, "--format json holds the robust table");
        assertEquals(ResultTable.readCsv(ev.resolve("background.csv")), table(out.get("background")));
        assertTrue(
                ResultTable.readCsv(ev.resolve("background.csv"))
                                .where("noise_sigma", "0.25")
                                .size()
                        > 0,
                "--rfs-sigma 1/4 read as the fraction");
        ResultTable robust = ResultTable.readCsv(ev.resolve("robust.csv"));
        assertEquals(3, robust.size());
        double[] acc = robust.doubles("robust_accuracy");
        assertTrue(acc[0] >= acc[1] && acc[1] >= acc[2], "robust accuracy never rises with eps");
        assertEquals(robust.getDouble(0, "clean_accuracy"), acc[0], 0.0, "eps = 0 is clean accuracy");
        ResultTable bg = ResultTable.readCsv(ev.resolve("background.csv"));
        assertTrue(bg.where("metric", "bg_gap").size() == 1
                && bg.where("metric", "worst_group_accuracy").size() == 1);
    }

    /** A {columns, rows} JSON table back as a ResultTable (numbers printed as the CSV prints them). */
    static ResultTable table(JsonNode t) {
        List<String> cols = new java.util.ArrayList<>();
        t.get("columns").forEach(c -> cols.add(c.asText()));
        List<List<String>> rows = new java.util.ArrayList<>();
        for (JsonNode row : t.get("rows")) {
            List<String> cells = new java.util.ArrayList<>();
            for (String c : cols) {
                JsonNode x = row.get(c);
                cells.add(
                        x.isNull()
                                ? ""
                                : x.isIntegralNumber()
                                        ? Long.toString(x.asLong())
                                        : x.isNumber() ? ResultTable.format(x.asDouble()) : x.asText());
            }
            rows.add(cells);
        }
        return new ResultTable(cols, rows);
    }

    @Test
    void methodFlagTrainsTradesAndBetaAndMultiStaysASynonym(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"trades", "--method", "trades", "--trades-beta", "2.5", "--norm", "linf", "--eps", "0.03"},
            {"beta", "--method", "beta", "--norm", "l2", "--eps", "0.5"},
            {"avg", "--norm", "l2,linf", "--eps", "0.5,0.03", "--multi", "avg"},
        };
        for (String[] c : cases) {
            Path ckpt = dir.resolve(c[0]);
            String[] args = concat(
                    concat(concat(new String[] {"train"}, TINY), java.util.Arrays.copyOfRange(c, 1, c.length)),
                    "--device",
                    "cpu",
                    "--out",
                    ckpt.toString());
            CliRun r = run(args);
            assertEquals(0, r.code(), r.err());
            String sidecar = Files.readString(ckpt.resolve("model.json"));
            assertTrue(sidecar.contains("\"method\" : \"" + c[0] + "\""), sidecar);
            assertEquals(c[0].equals("trades"), sidecar.contains("\"trades_beta\" : 2.5"), sidecar);
        }
    }

    @Test
    void sweepTrainsEachRegimeAndResumes(@TempDir Path dir) throws Exception {
        String[] args = concat(
                concat(new String[] {"sweep"}, TINY),
                "--train-norm",
                "standard,l2",
                "--train-eps-l2",
                "0.5",
                "--eval-norm",
                "l2",
                "--eps-l2",
                "0,0.5",
                "--eval-steps",
                "2",
                "--device",
                "cpu",
                "--out",
                dir.toString());
        CliRun first = run(args);
        assertEquals(0, first.code(), first.err());
        ResultTable training = ResultTable.readCsv(dir.resolve("deep_training.csv"));
        assertEquals(java.util.List.of("standard", "l2"), training.strings("train_norm"));
        ResultTable reliance = ResultTable.readCsv(dir.resolve("deep_reliance.csv"));
        assertEquals(2, reliance.where("metric", "bg_gap").size());
        assertEquals(4, ResultTable.readCsv(dir.resolve("deep_robust.csv")).size());

        ManifestAssert.complete(
                dir.resolve("manifest.json"), "deep sweep", typed(args), Engine.LOADED, true, "sweep_seconds");
        assertEquals(Files.readString(dir.resolve("deep_training.csv")), first.out(), "text: the training table");

        String[] json = concat(args, "--format", "json");
        CliRun again = run(json);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("reusing checkpoint"), again.err());
        assertEquals(
                reliance,
                ResultTable.readCsv(dir.resolve("deep_reliance.csv")),
                "a resumed sweep gives the same table");
        JsonNode out = Json.MAPPER.readTree(again.out());
        assertEquals(reliance, table(out.get("reliance")));
        assertEquals(ResultTable.readCsv(dir.resolve("deep_robust.csv")), table(out.get("robust")));
        ManifestAssert.complete(
                dir.resolve("manifest.json"), "deep sweep", typed(json), Engine.LOADED, true, "sweep_seconds");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        String o = dir.resolve("o").toString();
        expectBad("--norm must be one of l1, l2, linf (got 'l3')", "train", "--norm", "l3", "--eps", "1", "--out", o);
        expectBad("--eps must be >= 0 (got -0.1)", "train", "--norm", "linf", "--eps", "-0.1", "--out", o);
        expectBad("--eps-l2 values must be >= 0", "eval", "--checkpoint", o, "--eps-l2", "-1", "--out", o);
        Path missing = dir.resolve("missing");
        expectBad(
                "--checkpoint must be an existing checkpoint folder (got " + missing + ")",
                "eval",
                "--checkpoint",
                missing.toString(),
                "--out",
                o);
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        Files.writeString(corrupt.resolve("model.json"), "{\"format\": 3");
        expectBad(
                "checkpoint " + corrupt + ": model.json is not valid JSON",
                "eval",
                "--checkpoint",
                corrupt.toString(),
                "--out",
                o);
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
