package tradeoffs.benchmarks.simulation;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import tradeoffs.simulation.training.EmpiricalAdversarialTraining;
import tradeoffs.simulation.training.EmpiricalFit;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.sample.Sample;

/**
 * The Java side of the finite-sample comparison with scipy (benchmarks/anchors/compare_finite_sample.sh):
 * solves the {@link FiniteSampleInstance} {@code reps} times after untimed warm-up solves (at least
 * {@code warmup}, at least 2 s of them, until the JIT has stopped compiling, and then until at least 4 s
 * of CPU in all and the time per fit of the last two 0.5 s windows within 10 % of the fastest window, so the solver runs
 * compiled as in a long run),
 * each from a fresh {@link EmpiricalAdversarialTraining#of} (so forming XᵀX is included, as for a
 * new sample), and prints one line: the median wall time per solve in ms, the median CPU time of
 * the solving thread (which a loaded machine does not inflate), F, the relative gap and
 * whether the fit is certified. With {@code --write FILE} it writes the sample for the anchor and
 * exits.
 *
 * <pre>  java -cp benchmarks/target/benchmarks.jar tradeoffs.benchmarks.simulation.FiniteSampleSolveMain \
 *       n d norm fraction seed reps warmup [--write FILE]</pre>
 */
public final class FiniteSampleSolveMain {
    private FiniteSampleSolveMain() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        LpNorm attack = LpNorm.parse(args[2]);
        double fraction = Double.parseDouble(args[3]);
        long seed = Long.parseLong(args[4]);
        Sample s = FiniteSampleInstance.sample(n, d, seed);
        if (args.length > 7 && args[7].equals("--write")) {
            FiniteSampleInstance.write(s, Path.of(args[8]));
            return;
        }
        int reps = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        double eps = fraction * FiniteSampleInstance.zeroThreshold(s, attack);
        EmpiricalFit fit = null;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        // steady state, as in a Monte Carlo of many fits: at least `warmup` solves and 2 s of this
        // thread's CPU time in them (CPU, not wall), and then until the JIT has stopped compiling
        // (its total compilation time unchanged over the last 0.3 s of this thread's CPU; at most
        // 6 s). On a loaded machine the compiler threads get little CPU, and 2 s alone left the
        // solver partly interpreted (n = 10³, d = 20, ℓ∞: 3.8 ms per fit after 2 s, 0.5 ms after 6 s).
        long start = threads.getCurrentThreadCpuTime();
        long until = start + 2_000_000_000L;
        long quietSince = start;
        long compiled = jit.getTotalCompilationTime();
        for (int r = 0; ; r++) {
            long now = threads.getCurrentThreadCpuTime();
            long c = jit.getTotalCompilationTime();
            if (c != compiled) {
                compiled = c;
                quietSince = now;
            }
            boolean quiet = now - quietSince >= 300_000_000L;
            if (r >= warmup && now >= until && (quiet || now - start >= 6_000_000_000L)) {
                break;
            }
            fit = EmpiricalAdversarialTraining.of(s).fit(attack, eps);
        }
        // then windows of 0.5 s of this thread's CPU, until at least 4 s of CPU in all and the last
        // two windows both within 10 % of the fastest window so far (at most 15 s in all): the JIT
        // can be quiet for 0.3 s and still not have reached its steady state. Probes that timed
        // 0.5 s windows in fresh JVMs saw the time per fit settle after 2.5–3 s (n = 10³, d = 2,
        // ℓ1, 0.05: 0.35–0.6 ms in the first second, 0.040–0.045 ms from 3 s to 12 s) and, on a
        // loaded machine, relapse for a window or two up to 4–5 s (n = 10⁴, d = 2, ℓ2, 0.05:
        // 0.42, 0.31 ms at 3.5–4 s against 0.20 ms steady); a rule that stopped at the first
        // window no faster than the one before stopped in that transient in 2 of 18 fresh JVMs
        // (benchmarks/results/fsgrid-idle.md).
        double fastest = Double.POSITIVE_INFINITY;
        double last = Double.POSITIVE_INFINITY;
        while (threads.getCurrentThreadCpuTime() - start < 15_000_000_000L) {
            long w0 = threads.getCurrentThreadCpuTime();
            int count = 0;
            while (threads.getCurrentThreadCpuTime() - w0 < 500_000_000L) {
                fit = EmpiricalAdversarialTraining.of(s).fit(attack, eps);
                count++;
            }
            double perFit = (threads.getCurrentThreadCpuTime() - w0) / (double) count;
            fastest = Math.min(fastest, perFit);
            boolean settled = last <= 1.1 * fastest && perFit <= 1.1 * fastest;
            last = perFit;
            if (settled && threads.getCurrentThreadCpuTime() - start >= 4_000_000_000L) {
                break;
            }
        }
        double[] ms = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            fit = EmpiricalAdversarialTraining.of(s).fit(attack, eps);
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.println(String.format(
                Locale.ROOT,
                "java n=%d d=%d norm=%s fraction=%s eps=%.6g median_ms=%.4f cpu_ms=%.4f F=%.15g rel_gap=%.3g certified=%s passes=%d",
                n,
                d,
                attack.name(),
                args[3],
                eps,
                ms[reps / 2],
                cpu[reps / 2],
                fit.objective(),
                fit.relativeGap(),
                fit.certified(),
                fit.passes()));
    }
}
