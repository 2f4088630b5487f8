package tradeoffs.benchmarks.theory;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import tradeoffs.theory.regression.TwoFeatureClosedForms;

/** One evaluation of the 2-D closed-form adversarial risk R_ε (docs/math.md §2.2). Target: well under 1 µs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TwoFeatureRiskBenchmark {
    @Param({"l1", "l2", "linf"})
    public String norm;

    double p;
    double eps = 0.3;
    double wc = 0.8;
    double ws = 0.1;

    @org.openjdk.jmh.annotations.Setup
    public void setup() {
        p = switch (norm) {
            case "l1" -> 1.0;
            case "l2" -> 2.0;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    @Benchmark
    public double risk() {
        return TwoFeatureClosedForms.adversarialRisk(1.0, 1.5, 0.6, 0.5, p, eps, wc, ws);
    }
}
