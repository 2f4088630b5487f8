package tradeoffs.reproduce;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;
import tradeoffs.report.Claim;
import tradeoffs.report.ClaimEvidence;
import tradeoffs.report.Level;
import tradeoffs.report.ReportContributor;
import tradeoffs.report.Verdict;

class ReproduceRunTest {
    @TempDir
    Path tmp;

    /** A stand-in for a plugged-in stage: writes one table, reports one row computed from it. */
    static final class FakeDeepStage implements ReproduceStage {
        final double gap;
        final List<String> calls;

        FakeDeepStage(double gap, List<String> calls) {
            this.gap = gap;
            this.calls = calls;
        }

        @Override
        public String name() {
            return "deep";
        }

        @Override
        public void run(ReproduceContext ctx) {
            calls.add("deep:" + ctx.profile().label() + ":" + ctx.seed());
            ResultTable.builder("model", "bg_gap")
                    .row("linf-at", gap)
                    .build()
                    .writeCsv(ctx.outDir().resolve("deep_bg.csv"));
            ctx.manifest().parameter("deep.models", 1);
        }

        @Override
        public ReportContributor contributor() {
            return new ReportContributor() {
                @Override
                public Level level() {
                    return Level.DEEP_CNN;
                }

                @Override
                public List<ClaimEvidence> evidence(ResultsFolder folder) {
                    return folder.table("deep_bg")
                            .map(t -> List.of(new ClaimEvidence(
                                    Claim.DEEP_BACKGROUNDS,
                                    Level.DEEP_CNN,
                                    Verdict.of(t.getDouble(0, "bg_gap") > 0),
                                    "BG-gap " + t.get(0, "bg_gap"),
                                    "",
                                    "[paper]",
                                    List.of())))
                            .orElse(List.of());
                }
            };
        }
    }

    private ReproduceRun.Outcome run(Path out, double gap, List<String> calls) throws Exception {
        Files.createDirectories(out);
        ReproduceContext ctx = new ReproduceContext(
                Profile.QUICK,
                out,
                5,
                1,
                new Manifest("reproduce").seed(5),
                new PrintStream(new ByteArrayOutputStream()));
        List<ReproduceStage> stages = List.of(new FakeDeepStage(gap, calls));
        return ReproduceRun.run(ctx, stages, stages);
    }

    @Test
    void runsTheStageThenReportsItsVerdictAndWritesTheManifest() throws Exception {
        List<String> calls = new ArrayList<>();
        Path out = tmp.resolve("a");
        ReproduceRun.Outcome o = run(out, 0.1, calls);
        assertEquals(List.of("deep:quick:5"), calls);
        assertEquals(Verdict.HOLDS, o.report().verdict(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
        assertEquals(Verdict.NOT_TESTED, o.report().verdict(Claim.L1_L2_INCREASE_RELIANCE, Level.THEORY));
        JsonNode m = Json.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertEquals(List.of("deep"), Json.MAPPER.convertValue(m.get("stages"), List.class));
        assertTrue(m.get("timings").has("deep_seconds"));
        assertEquals(1, m.get("parameters").get("deep.models").asInt());
        assertEquals("holds", m.get("verdicts").get("Deep claim / deep: CNN").asText());
        assertTrue(Files.readString(out.resolve("report.md")).contains("BG-gap 0.1"));
        assertTrue(Files.exists(out.resolve("figures/manifest.json")));

        ReproduceRun.Outcome neg = run(tmp.resolve("b"), -0.1, calls);
        assertEquals(Verdict.FAILS, neg.report().verdict(Claim.DEEP_BACKGROUNDS, Level.DEEP_CNN));
    }

    @Test
    void profileParsingNamesTheOption() {
        assertEquals(Profile.FULL, Profile.parse("FULL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast"));
        assertEquals("profile must be quick or full (got fast)", e.getMessage());
    }
}
