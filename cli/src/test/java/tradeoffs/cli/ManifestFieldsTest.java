package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.cli.ManifestAssert.Engine;

/**
 * The manifest of every command that writes one carries the full command line, the commit, the
 * versions and the wall times: {@link ManifestAssert#complete}. Runs through {@link Main}, as the
 * launcher does. The deep commands are checked in DeepCommandTest and DeepPreviewCommandTest,
 * {@code reproduce} (and its figures/manifest.json) in the tests module's ReproduceEndToEndTest,
 * which runs it anyway.
 */
class ManifestFieldsTest {
    @TempDir
    Path tmp;

    static final String SWEEP = """
            seed: 3
            kinds: [theory]
            norms: [l2]
            eps: "0:0.5:0.5"
            model: {sigma_core: 1.0, sigma_spurious: 2.0, eta: 0.5, noise: 0.5}
            """;

    private static List<String> run(String... args) {
        CliRun r = CliRun.main(args);
        assertEquals(0, r.code(), r.err());
        return List.of(args);
    }

    @Test
    void theoryCsvAndJson() {
        String csv = tmp.resolve("t.csv").toString();
        List<String> args = run("theory", "--norm", "l2", "--eps", "0,1/4", "--out", csv);
        JsonNode m = ManifestAssert.complete(
                Path.of(csv + ".manifest.json"), "theory", args, Engine.NOT_LOADED, true, "compute_seconds");
        assertEquals("0,1/4", m.get("parameters").get("eps").asText());
        String json = tmp.resolve("t.json").toString();
        args = run("theory", "--norm", "l2", "--eps", "0.5", "--format", "json", "--out", json);
        ManifestAssert.complete(
                Path.of(json + ".manifest.json"), "theory", args, Engine.NOT_LOADED, true, "compute_seconds");
    }

    @Test
    void simulate() {
        String out = tmp.resolve("s.csv").toString();
        List<String> args = run(
                "simulate",
                "--norm",
                "l2",
                "--eps",
                "0.25",
                "--n",
                "200",
                "--reps",
                "2",
                "--threads",
                "1",
                "--out",
                out);
        JsonNode m = ManifestAssert.complete(
                Path.of(out + ".manifest.json"), "simulate", args, Engine.NOT_LOADED, true, "compute_seconds");
        assertEquals(
                false,
                m.get("parameters").get("include_uncertified").asBoolean(true),
                "uncertified fits left out by default");
        String kept = tmp.resolve("k.csv").toString();
        args = run(
                "simulate",
                "--norm",
                "l2",
                "--eps",
                "0.25",
                "--n",
                "200",
                "--reps",
                "2",
                "--threads",
                "1",
                "--include-uncertified",
                "--out",
                kept);
        m = ManifestAssert.complete(
                Path.of(kept + ".manifest.json"), "simulate", args, Engine.NOT_LOADED, true, "compute_seconds");
        assertEquals(true, m.get("parameters").get("include_uncertified").asBoolean(false));
    }

    @Test
    void classificationCommands() {
        String mp = tmp.resolve("mp.csv").toString();
        List<String> args = run(
                "classification", "multi-perturbation", "--dim", "10", "--points", "3", "--no-optimal", "--out", mp);
        ManifestAssert.complete(
                Path.of(mp + ".manifest.json"),
                "classification multi-perturbation",
                args,
                Engine.NOT_LOADED,
                true,
                "compute_seconds");
        String inv = tmp.resolve("inv.json").toString();
        args = run("classification", "invariance", "--eps", "0,1/2", "--format", "json", "--out", inv);
        ManifestAssert.complete(
                Path.of(inv + ".manifest.json"),
                "classification invariance",
                args,
                Engine.NOT_LOADED,
                true,
                "compute_seconds");
    }

    @Test
    void sweepAndMerge() throws IOException {
        Path cfg = tmp.resolve("grid.yaml");
        Files.writeString(cfg, SWEEP);
        Path a = tmp.resolve("a");
        List<String> args = run("sweep", "--config", cfg.toString(), "--out", a.toString(), "--threads", "1");
        ManifestAssert.complete(a.resolve("manifest.json"), "sweep", args, Engine.NOT_LOADED, true, "run_seconds");
        Path m = tmp.resolve("m");
        args = run("sweep", "merge", "--out", m.toString(), a.toString());
        ManifestAssert.complete(
                m.resolve("manifest.json"), "sweep merge", args, Engine.NOT_LOADED, true, "merge_seconds");
    }

    @Test
    void figures() throws IOException {
        // a folder with a table no figure needs: the command still writes its manifest (and is quick)
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("other.csv"), "a,b\n1,2\n");
        List<String> args =
                run("figures", "--in", in.toString(), "--out", tmp.resolve("f").toString());
        ManifestAssert.complete(
                tmp.resolve("f/manifest.json"), "figures", args, Engine.NOT_LOADED, true, "figures_seconds");
        args = run("figures", "--in", in.toString(), "--report");
        ManifestAssert.complete(
                in.resolve("figures/manifest.json"), "figures", args, Engine.NOT_LOADED, true, "figures_seconds");
    }
}
