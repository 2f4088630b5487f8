package tradeoffs.benchmarks.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tradeoffs.io.CsvWriter;
import tradeoffs.io.tables.TradeoffRows;
import tradeoffs.io.tables.TradeoffTable;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.regression.TradeoffCurve;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * Writing the {@code theory} table's rows, the solves excluded: {@code rows} points of the default
 * model's ℓ2 curve (claim-4 columns and the four model parameters, 16 cells a row) precomputed,
 * then written (a) streamed, {@link TradeoffRows} onto a {@link CsvWriter}, and (b) as before
 * streaming, a {@code ResultTable} built in memory and turned into CSV bytes. Both go to a stream
 * that only counts bytes; both give the same bytes (checked in io's tests). Per-row time is
 * score / rows.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TableRowWriterBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TableRowWriterBenchmark {
    @Param({"100000"})
    public int rows;

    List<TradeoffPoint> points;
    Map<String, Object> parameters;

    @Setup
    public void setup() {
        CoreSpuriousModel m = CoreSpuriousModel.twoFeature(1.0, 1.0, 0.6, 0.5);
        double[] eps = new double[rows];
        for (int i = 0; i < rows; i++) {
            eps[i] = (double) i / rows;
        }
        points = TradeoffCurve.curve(new TradeoffCurve.Spec(m.toGaussian(), 1, null, LpNorm.L2, eps, true));
        parameters = new LinkedHashMap<>();
        parameters.put("sigma_core", 1.0);
        parameters.put("sigma_spurious", 1.0);
        parameters.put("eta", 0.6);
        parameters.put("noise", 0.5);
    }

    @Benchmark
    public long streamed() throws IOException {
        Counting out = new Counting();
        TradeoffRows r = new TradeoffRows(false, true, parameters);
        CsvWriter w = new CsvWriter(out).header(r.header());
        for (TradeoffPoint p : points) {
            r.write(w, p);
        }
        w.flush();
        return out.bytes;
    }

    @Benchmark
    public long inMemory() throws IOException {
        Counting out = new Counting();
        out.write(TradeoffTable.table(points, false, true, parameters).toCsv().getBytes(StandardCharsets.UTF_8));
        return out.bytes;
    }

    /** Counts bytes, keeps none. */
    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
