package tradeoffs.benchmarks.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tradeoffs.io.Json;
import tradeoffs.sweep.PointRunners;
import tradeoffs.sweep.Shard;
import tradeoffs.sweep.Sweep;
import tradeoffs.sweep.SweepConfig;
import tradeoffs.sweep.kind.SweepKinds;

/**
 * A CPU-bound sweep (16 simulate points: 2 σ_s × 2 norms × 4 ε, n = 10⁴, 50 reps each) into a
 * fresh folder, on 1 and on 2 threads; the speed-up is the ratio of the two scores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SweepThreadsBenchmark {
    static final String CONFIG = "{\"seed\": 3, \"kinds\": [\"simulate\"], \"norms\": [\"l2\", \"linf\"],"
            + " \"eps\": [0.1, 0.3, 0.5, 0.7], \"eta_test\": -0.5, \"model\": {\"sigma_spurious\": [0.5, 4.0], \"eta\": 0.5},"
            + " \"simulate\": {\"n\": 10000, \"n_test\": 10000, \"reps\": 50}}";

    @Param({"1", "2"})
    public int threads;

    private SweepConfig config;
    private PointRunners runners;
    private Path dir;

    @Setup(Level.Trial)
    public void parse() throws IOException {
        runners = SweepKinds.all();
        JsonNode root = Json.MAPPER.readTree(CONFIG);
        config = SweepConfig.of(root, runners.asMap());
    }

    @Setup(Level.Invocation)
    public void freshFolder() throws IOException {
        dir = Files.createTempDirectory("sweep-bench");
    }

    @TearDown(Level.Invocation)
    public void cleanUp() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public Sweep.Summary sweep() {
        return Sweep.run(config, runners, dir, threads, Shard.ALL, null);
    }
}
