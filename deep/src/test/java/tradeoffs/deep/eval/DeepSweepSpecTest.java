package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.Json;
import tradeoffs.io.Manifest;
import tradeoffs.io.ProgressListener;
import tradeoffs.theory.ParameterException;

/** {@link DeepSweep.Spec}'s defaults and checks, and {@link DeepSweep#runInto}'s files. */
class DeepSweepSpecTest {
    static DeepSweep.Spec spec(String label, double[] sigmas) {
        return new DeepSweep.Spec(
                label,
                BenchmarkParams.defaults().withImageSize(8).withClasses(3),
                3,
                96,
                30,
                Architecture.CNN,
                1,
                32,
                2e-3,
                2,
                List.of(Regime.standard()),
                Map.of(PerturbationNorm.LINF, new double[] {0}),
                2,
                1,
                null,
                sigmas,
                Device.cpu());
    }

    @Test
    void withoutALabelTheContrastsNameTheBenchmark() {
        // the defaults: object contrast 0.6 above background contrast 0.3
        assertEquals("bg<fg", spec(null, new double[] {0.25}).label());
        assertEquals("mine", spec("mine", new double[] {0.25}).label());
    }

    @Test
    void rfsNoiseLevelsMustBePositive() {
        ParameterException e = assertThrows(ParameterException.class, () -> spec("x", new double[] {0.25, 0}));
        assertEquals("rfs_sigma values must be > 0 (got 0)", e.getMessage());
    }

    @Test
    void runIntoWritesTheReturnedTablesAndAManifest(@TempDir Path dir) throws Exception {
        DeepSweep.Tables t = DeepSweep.runInto(
                DeepSweepTest.spec(), dir, new Manifest("deep sweep"), s -> {}, ProgressListener.NONE);
        assertEquals(t.training().toCsv(), Files.readString(dir.resolve("deep_training.csv")));
        assertEquals(t.reliance().toCsv(), Files.readString(dir.resolve("deep_reliance.csv")));
        assertEquals(t.robust().toCsv(), Files.readString(dir.resolve("deep_robust.csv")));
        JsonNode m = Json.readFile("manifest", dir.resolve("manifest.json"));
        List<String> regimes = new ArrayList<>();
        m.path("parameters").path("regimes").forEach(n -> regimes.add(n.asText()));
        assertEquals(List.of("standard", "linf-eps0.0300000", "l2-eps0.500000"), regimes);
        assertEquals("tiny", m.path("parameters").path("label").asText());
    }
}
