package tradeoffs.benchmarks.simulation;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.theory.sample.Sample;

/**
 * Forming the sufficient statistics of a finite-sample fit: S = XᵀX/n and its Cholesky factor
 * (EmpiricalAdversarialTraining.of(sample).gram(), the dsyrk kernel GramKernel of
 * simulation.training plus an O(d³) factorisation), on the {@link FiniteSampleInstance}. The
 * numpy reference for the product alone is {@code X.T @ X} (OpenBLAS, one thread): 29 ms at
 * n = 10⁵, d = 100 and 3.0 ms at n = 10⁴ on this machine, against 43 ms and 4.3 ms for the
 * eight-row row-buffer kernel when C2 vectorised it (100 ms and 10 ms before it;
 * benchmarks/results/fsl2route.md). The four-row, two-rows-of-S kernel that replaced it because it
 * vectorises in every JVM: 47 and 5.0 ms against the eight-row kernel's 56 and 5.1–5.3 ms in the
 * same minutes at load 5 (benchmarks/results/fsgramjit.md).
 * A JMH fork calls the kernel many times with one n, so it measures the compiled loop, not the
 * profile-dependent compilation that fresh fit JVMs saw. {@link #moments}
 * is the O(nd) pass a fit makes before it (c = Xᵀy/n, ‖y‖²/n, ‖y‖₁/n: the zero-solution test's
 * moments), numpy's {@code X.T @ v}. The numpy side of both: benchmarks/anchors/finite_sample_kernels.py;
 * measured side by side in benchmarks/results/fsgram.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GramKernelBenchmark {
    @Param({"1000", "10000", "100000"})
    public int n;

    @Param({"20", "100"})
    public int d;

    private Sample data;

    @Setup
    public void setup() {
        data = FiniteSampleInstance.sample(n, d, 1);
    }

    @Benchmark
    public double[] gram() {
        return EmpiricalAdversarialTraining.of(data).gram();
    }

    @Benchmark
    public EmpiricalAdversarialTraining moments() {
        return EmpiricalAdversarialTraining.of(data);
    }
}
