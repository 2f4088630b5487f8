package tradeoffs.benchmarks.simulation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import tradeoffs.simulation.random.Streams;
import tradeoffs.simulation.sampling.CoreSpuriousSampler;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.CoreSpuriousModel;
import tradeoffs.theory.sample.Sample;

/**
 * The finite-sample benchmark instance shared by the JMH benchmark, the Java entry point and the
 * scipy anchor (benchmarks/anchors/finite_sample_lbfgs.py): n examples of the core/spurious model
 * with d/2 core and d/2 spurious features (σ_c = 1, σ_s = 2, η = 0.5, σ_n = 0.5; d = 2 is the
 * two-feature model), drawn from stream (seed, 0, 0, TRAIN), and ε = fraction · ε₀ with the zero
 * threshold ε₀ = ‖Xᵀy‖_p/‖y‖₁ (docs/math.md §6.2).
 */
public final class FiniteSampleInstance {
    private FiniteSampleInstance() {}

    /** The sample of size n in dimension d (d even, or 2). */
    public static Sample sample(int n, int d, long seed) {
        CoreSpuriousModel m = new CoreSpuriousModel(Math.max(1, d / 2), d - Math.max(1, d / 2), 1.0, 2.0, 0.5, 0.5);
        return new CoreSpuriousSampler(m).sample(n, new Streams(seed).stream(0, 0, Streams.TRAIN));
    }

    /** ε₀ = ‖Xᵀy‖_p / ‖y‖₁ for the attack norm p. */
    public static double zeroThreshold(Sample s, LpNorm attack) {
        double[] c = new double[s.d()];
        double l1 = 0;
        for (int i = 0; i < s.n(); i++) {
            for (int j = 0; j < s.d(); j++) {
                c[j] += s.x(i, j) * s.y()[i];
            }
            l1 += Math.abs(s.y()[i]);
        }
        return attack.norm(c) / l1;
    }

    /**
     * Writes the sample as little-endian float64 values: n, d, then x row-major, then y (what
     * numpy's {@code fromfile(path, '<f8')} reads).
     */
    public static void write(Sample s, Path path) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * (2 + s.x().length + s.n())).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(s.n()).putDouble(s.d());
        for (double v : s.x()) {
            b.putDouble(v);
        }
        for (double v : s.y()) {
            b.putDouble(v);
        }
        b.flip();
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        java.nio.file.Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
