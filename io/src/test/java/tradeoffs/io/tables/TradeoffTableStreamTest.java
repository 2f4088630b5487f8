package tradeoffs.io.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/** The streamed table is byte for byte the in-memory table of the same curves, for any thread count. */
class TradeoffTableStreamTest {
    @TempDir
    Path dir;

    private static String inMemory(
            List<TradeoffCurve.Spec> specs, boolean shifted, boolean claim4, Map<String, Object> params) {
        List<TradeoffPoint> points = new ArrayList<>();
        TradeoffCurve.curves(specs, 1).forEach(points::addAll);
        return TradeoffTable.table(points, shifted, claim4, params).toCsv();
    }

    private String streamed(
            List<TradeoffCurve.Spec> specs, boolean shifted, boolean claim4, Map<String, Object> params, int threads)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = TradeoffTable.writeCsv(specs, shifted, claim4, params, out, dir, threads);
        int expected = specs.stream().mapToInt(s -> s.eps().size()).sum();
        assertEquals(expected, rows);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sameBytesAsTheInMemoryTable() throws IOException {
        double[] eps = new double[81];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = i / 40.0;
        }
        List<LpNorm> norms = List.of(LpNorm.L1, LpNorm.L2, LpNorm.LINF, LpNorm.of(3));
        // two features, claim 4, shifted domain, a parameter that needs quoting
        CoreSpuriousModel two = CoreSpuriousModel.twoFeature(1.0, 2.0, 0.6, 0.5);
        List<TradeoffCurve.Spec> specs = new ArrayList<>();
        for (LpNorm n : norms) {
            specs.add(new TradeoffCurve.Spec(
                    two.toGaussian(), 1, two.withEta(-0.3).toGaussian(), n, eps, true));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sigma_core", 1.0);
        params.put("note", "a, b");
        String reference = inMemory(specs, true, true, params);
        for (int threads : new int[] {1, 2, 3}) {
            assertEquals(reference, streamed(specs, true, true, params, threads), threads + " threads");
        }
        // blocks of features, no shifted domain, no parameters
        CoreSpuriousModel blocks = new CoreSpuriousModel(3, 2, 1.0, 1.0, 0.6, 0.5);
        List<TradeoffCurve.Spec> blockSpecs = new ArrayList<>();
        for (LpNorm n : norms.subList(0, 3)) {
            blockSpecs.add(new TradeoffCurve.Spec(blocks.toGaussian(), 3, null, n, eps, false));
        }
        assertEquals(inMemory(blockSpecs, false, false, Map.of()), streamed(blockSpecs, false, false, Map.of(), 2));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no spill file left");
        }
    }
}
