package tradeoffs.deep.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.deep.attack.PerturbationNorm;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.model.Architecture;
import tradeoffs.io.ProgressListener;
import tradeoffs.io.ResultTable;

/** A sweep trains and scores several regimes at once; the tables must not depend on how many. */
class DeepSweepTest {

    static DeepSweep.Spec spec() {
        Map<PerturbationNorm, double[]> eval = new LinkedHashMap<>();
        eval.put(PerturbationNorm.LINF, new double[] {0, 0.03});
        eval.put(PerturbationNorm.L2, new double[] {0, 0.5});
        BenchmarkParams b = BenchmarkParams.defaults().withImageSize(8).withClasses(3);
        return new DeepSweep.Spec(
                "tiny",
                b,
                3,
                96,
                30,
                Architecture.CNN,
                1,
                32,
                2e-3,
                2,
                List.of(
                        Regime.standard(),
                        new Regime(PerturbationNorm.LINF, 0.03),
                        new Regime(PerturbationNorm.L2, 0.5)),
                eval,
                2,
                1,
                null,
                new double[] {0.25},
                Device.cpu(),
                3);
    }

    @Test
    void sameTablesWithOneOrThreeWorkers(@TempDir Path one, @TempDir Path three) {
        DeepSweep.Tables a = DeepSweep.run(spec(), one, line -> {}, 1);
        List<long[]> reports = Collections.synchronizedList(new ArrayList<>());
        List<String> tasks = Collections.synchronizedList(new ArrayList<>());
        ProgressListener heard = (task, done, total) -> {
            tasks.add(task);
            reports.add(new long[] {done, total});
        };
        DeepSweep.Tables b = DeepSweep.run(spec(), three, line -> {}, heard, 3);
        assertEquals(withoutTiming(a.training()), withoutTiming(b.training()));
        assertEquals(a.reliance().rows(), b.reliance().rows());
        assertEquals(a.robust().rows(), b.robust().rows());
        assertEquals(
                List.of("standard", "linf", "l2"),
                a.training().strings("train_norm"),
                "rows in regime order, whatever order the workers finished in");

        // One task for the whole sweep, whatever the workers: per regime 1 epoch x 96 training
        // images, plus PGD and BETA on the 30 test images at the one radius > 0 of each of the two
        // norms: 96 + 2 x 2 x 30 = 216 images, 648 for three regimes (counted by hand from spec()).
        assertEquals(
                List.of("tiny: training and attacks"), tasks.stream().distinct().toList());
        assertReports(reports, 648);
        // A rerun reuses the checkpoints: their training counts as done, the bar still ends full.
        reports.clear();
        DeepSweep.run(spec(), three, line -> {}, heard, 2);
        assertReports(reports, 648);
    }

    private static void assertReports(List<long[]> reports, long total) {
        long last = -1;
        for (long[] r : reports) {
            assertEquals(total, r[1], "the total is fixed from the first report");
            assertTrue(r[0] >= last, "done never decreases: " + r[0] + " after " + last);
            last = r[0];
        }
        assertEquals(0, reports.get(0)[0]);
        assertEquals(total, last, "the last report is the whole sweep");
    }

    static List<List<String>> withoutTiming(ResultTable t) {
        int seconds = t.columns().indexOf("seconds");
        int speed = t.columns().indexOf("images_per_second");
        return t.rows().stream()
                .map(r -> {
                    List<String> c = new java.util.ArrayList<>(r);
                    c.set(seconds, "");
                    c.set(speed, "");
                    return c;
                })
                .toList();
    }
}
