// Whole finite-sample fits of two builds side by side in one JVM (benchmarks/results/fskernels.md):
// the benchmarks jars of two builds (e.g. main's and a branch's, each a copy of
// benchmarks/target with its lib/ folder) in two class loaders, warmed up together, then REPS pairs
// of fits (EmpiricalAdversarialTraining.of(sample).fit(norm, eps) on the FiniteSampleInstance,
// forming XᵀX included) alternating which build goes first; thread CPU time. Prints the two
// medians, their ratio B/A, the median of the pair ratios, both objectives (and whether they are
// the same double) and B's relative gap and certification. Both builds see the same load.
//
// Usage (single-file program, JDK 17):
//   mvn -B -ntp -pl benchmarks -am package -DskipTests && cp -r benchmarks/target /tmp/A   # build A
//   ... the same for build B into /tmp/B ...
//   java benchmarks/compare/FiniteSampleJarsAB.java /tmp/A /tmp/B n d norm fraction REPS [WARMUP_SECONDS]
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


public class FiniteSampleJarsAB {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    static final class Side {
        final Object sample; final Object attack; final double eps;
        final Method of, fit, objective, gap, certified;
        Side(String dir, int n, int d, String norm, double frac) throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(new File(dir, "benchmarks.jar").toURI().toURL());
            for (File f : new File(dir, "lib").listFiles()) urls.add(f.toURI().toURL());
            ClassLoader l = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> inst = l.loadClass("tradeoffs.benchmarks.simulation.FiniteSampleInstance");
            Class<?> lp = l.loadClass("tradeoffs.theory.norm.LpNorm");
            Class<?> sm = l.loadClass("tradeoffs.theory.sample.Sample");
            Class<?> eat = l.loadClass("tradeoffs.simulation.training.EmpiricalAdversarialTraining");
            Class<?> ef = l.loadClass("tradeoffs.simulation.training.EmpiricalFit");
            sample = inst.getMethod("sample", int.class, int.class, long.class).invoke(null, n, d, 1L);
            attack = lp.getMethod("parse", String.class).invoke(null, norm);
            eps = frac * (double) inst.getMethod("zeroThreshold", sm, lp).invoke(null, sample, attack);
            of = eat.getMethod("of", sm);
            fit = eat.getMethod("fit", lp, double.class);
            objective = ef.getMethod("objective");
            gap = ef.getMethod("relativeGap");
            certified = ef.getMethod("certified");
        }
        Object run() throws Exception { return fit.invoke(of.invoke(null, sample), attack, eps); }
    }

    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[2]), d = Integer.parseInt(a[3]);
        String norm = a[4]; double frac = Double.parseDouble(a[5]);
        int reps = Integer.parseInt(a[6]);
        double warmSec = a.length > 7 ? Double.parseDouble(a[7]) : 3;
        Side A = new Side(a[0], n, d, norm, frac), B = new Side(a[1], n, d, norm, frac);
        long until = T.getCurrentThreadCpuTime() + (long) (warmSec * 1e9);
        while (T.getCurrentThreadCpuTime() < until) { A.run(); B.run(); }
        double[] ta = new double[reps], tb = new double[reps], rat = new double[reps];
        Object fa = null, fb = null;
        for (int r = 0; r < reps; r++) {
            boolean aFirst = r % 2 == 0;
            for (int s = 0; s < 2; s++) {
                boolean isA = (s == 0) == aFirst;
                Side x = isA ? A : B;
                long c = T.getCurrentThreadCpuTime();
                Object f = x.run();
                double ms = (T.getCurrentThreadCpuTime() - c) / 1e6;
                if (isA) { ta[r] = ms; fa = f; } else { tb[r] = ms; fb = f; }
            }
            rat[r] = tb[r] / ta[r];
        }
        Arrays.sort(ta); Arrays.sort(tb); Arrays.sort(rat);
        double Fa = (double) A.objective.invoke(fa), Fb = (double) B.objective.invoke(fb);
        System.out.printf("n=%d d=%d %s %s A=%.4f B=%.4f B/A=%.3f (median of pair ratios %.3f) F_A=%.17g F_B=%.17g same=%s gapB=%.3g certB=%s load=%s%n",
                n, d, norm, a[5], ta[reps / 2], tb[reps / 2], tb[reps / 2] / ta[reps / 2], rat[reps / 2], Fa, Fb, Fa == Fb,
                (double) B.gap.invoke(fb), B.certified.invoke(fb),
                new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).split(" ")[0]);
    }
}
