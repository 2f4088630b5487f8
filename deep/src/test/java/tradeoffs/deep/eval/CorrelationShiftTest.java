package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.metrics.Predictor;
import tradeoffs.io.ResultTable;

/**
 * Accuracy under a shifted correlation, on test doubles whose accuracy has a closed form: a model
 * that reads only the background scores P(b = y), which is ρ′ for the identity pairing and
 * (1 − ρ′)/(K − 1) for a pairing without fixed points; a model that reads only the object scores 1.
 */
class CorrelationShiftTest {
    private static final ShiftedBackgrounds BENCH =
            new ShiftedBackgrounds(BenchmarkParams.defaults().withImageSize(8), 3);

    private static final Predictor BACKGROUND_READER = images -> {
        int[] p = new int[images.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = images.background(i);
        }
        return p;
    };
    private static final Predictor OBJECT_READER = ImageSet::labels;

    @Test
    void aBackgroundReaderScoresTheShareOfMatchingBackgrounds() {
        int n = 4000;
        int k = 5;
        List<CorrelationShift.Point> pts = CorrelationShift.evaluate(
                BACKGROUND_READER, BENCH, n, CorrelationShift.grid(k, 0.9, new double[] {0.9, 0.5, 0.2}));
        double[] expected = {0.9, 0.5, 0.2, (1 - 0.9) / (k - 1)};
        double tol = 5 * Math.sqrt(0.25 / n); // five binomial sd at worst
        for (int i = 0; i < pts.size(); i++) {
            assertEquals(
                    expected[i],
                    pts.get(i).accuracy().value(),
                    tol,
                    pts.get(i).correlation().id());
        }
        ResultTable t = CorrelationShift.table(pts);
        assertEquals(CorrelationShift.COLUMNS, t.columns());
        assertEquals(List.of("same", "same", "same", "next"), t.strings("pairing"));
        assertEquals(0.9, t.getDouble(3, "rho_test"));
    }

    @Test
    void anObjectReaderIsUnmovedByTheShift() {
        for (CorrelationShift.Point p : CorrelationShift.evaluate(
                OBJECT_READER, BENCH, 200, CorrelationShift.grid(5, 0.9, new double[] {0.9, 0.2, 0.0}))) {
            assertEquals(1.0, p.accuracy().value(), p.correlation().id());
        }
    }
}
