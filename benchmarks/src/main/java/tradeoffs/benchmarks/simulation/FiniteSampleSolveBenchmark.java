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
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * One certified finite-sample adversarial-training solve (docs/math.md (finite-sample adversarial
 * training)) on the {@link FiniteSampleInstance} (core/spurious model, d/2 + d/2 features, seed 1)
 * at ε = fraction · ε₀, the same instance the scipy anchor solves
 * (benchmarks/anchors/compare_finite_sample.sh). {@code solve} starts from a fresh sample (forming
 * XᵀX included); {@code resolve} reuses the prepared moments, as a sweep over ε does. The cells
 * n = 10³, d = 100 ({@code -p n=1000 -p d=100}) are the ones the solver's per-step d×d work
 * dominates: Newton on the faces of the norm (ℓ1/ℓ∞ attacks; PᵀHP from the basis's nonzeros) and
 * the ℓ2 attack's early exact finish (benchmarks/results/fsl2.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FiniteSampleSolveBenchmark {
    @Param({"linf", "l2", "l1"})
    public String norm;

    @Param({"1000", "10000", "100000"})
    public int n;

    @Param({"2", "20", "100"})
    public int d;

    @Param({"0.05", "0.5"})
    public double fraction;

    private Sample data;
    private EmpiricalAdversarialTraining prepared;
    private LpNorm attack;
    private double eps;

    @Setup
    public void setup() {
        data = FiniteSampleInstance.sample(n, d, 1);
        attack = LpNorm.parse(norm);
        eps = fraction * FiniteSampleInstance.zeroThreshold(data, attack);
        prepared = EmpiricalAdversarialTraining.of(data);
    }

    @Benchmark
    public EmpiricalFit solve() {
        EmpiricalFit fit = EmpiricalAdversarialTraining.of(data).fit(attack, eps);
        if (!fit.certified()) {
            throw new IllegalStateException("not certified: " + fit.relativeGap());
        }
        return fit;
    }

    @Benchmark
    public EmpiricalFit resolve() {
        return prepared.fit(attack, eps);
    }
}
