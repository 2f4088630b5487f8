import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the finite-sample solver side by side in one JVM: each benchmarks jar (with its
 * lib/) in its own class loader, fits of the FiniteSampleInstance alternated in blocks, the CPU
 * time of this thread per fit. A load that comes and goes slows both builds alike, which fresh
 * JVMs run minutes apart do not (benchmarks/results/fsl2near.md). Per fit it times two things:
 * "full", a fit from a fresh EmpiricalAdversarialTraining.of (XᵀX formed inside, as
 * FiniteSampleSolveMain), and "rest", a fit on an instance whose S (and its Cholesky factor) was
 * formed before the clock started: the solver's time apart from XᵀX. After 8 s of untimed warm-up
 * of both, {@code rounds} rounds of one block per build (the order alternated), medians printed.
 *
 * <pre>  java benchmarks/compare/TwoJarFit.java BASE.jar NEW.jar n d norm fraction rounds</pre>
 */
public class TwoJarFit {
    /** One build: its class loader's entry points, the instance and ε. */
    static final class Build {
        final Method of;
        final Method fit;
        final Method gram;
        final Method objective;
        final Object sample;
        final Object attack;
        final double eps;

        Build(String jar, int n, int d, String norm, double fraction) throws Exception {
            List<URL> urls = new ArrayList<>();
            urls.add(new File(jar).toURI().toURL());
            for (File f : new File(new File(jar).getParentFile(), "lib").listFiles()) {
                urls.add(f.toURI().toURL());
            }
            ClassLoader cl = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Class<?> training = cl.loadClass("tradeoffs.simulation.training.EmpiricalAdversarialTraining");
            Class<?> lp = cl.loadClass("tradeoffs.theory.norm.LpNorm");
            Class<?> sampleClass = cl.loadClass("tradeoffs.theory.sample.Sample");
            Class<?> instance = cl.loadClass("tradeoffs.benchmarks.simulation.FiniteSampleInstance");
            attack = lp.getMethod("parse", String.class).invoke(null, norm);
            sample = instance.getMethod("sample", int.class, int.class, long.class).invoke(null, n, d, 1L);
            eps = fraction * (double) instance.getMethod("zeroThreshold", sampleClass, lp).invoke(null, sample, attack);
            of = training.getMethod("of", sampleClass);
            fit = training.getMethod("fit", lp, double.class);
            gram = training.getMethod("gram");
            objective = cl.loadClass("tradeoffs.simulation.training.EmpiricalFit").getMethod("objective");
        }

        /** One fit, its CPU ms into out[at]; {@code prepared}: S formed before the clock starts. */
        Object time(boolean prepared, ThreadMXBean threads, double[] out, int at) throws Exception {
            Object training = of.invoke(null, sample);
            if (prepared) {
                gram.invoke(training);
            }
            long c0 = threads.getCurrentThreadCpuTime();
            Object result = fit.invoke(prepared ? training : of.invoke(null, sample), attack, eps);
            out[at] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            return result;
        }
    }

    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[2]);
        int d = Integer.parseInt(a[3]);
        double fraction = Double.parseDouble(a[5]);
        int rounds = Integer.parseInt(a[6]);
        Build[] builds = {new Build(a[0], n, d, a[4], fraction), new Build(a[1], n, d, a[4], fraction)};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // about 20 fits per block at n·d = 2·10⁵, between 5 and 50
        int block = Math.min(50, Math.max(5, (int) (20.0 / Math.max(1e-3, (double) n * d / 2e5))));
        double[] sink = new double[1];
        long start = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - start < 8_000_000_000L) {
            for (Build b : builds) {
                for (int k = 0; k < block; k++) {
                    b.time(false, threads, sink, 0);
                    b.time(true, threads, sink, 0);
                }
            }
        }
        double[][] full = new double[2][rounds * block];
        double[][] rest = new double[2][rounds * block];
        Object[] fits = new Object[2];
        for (int r = 0; r < rounds; r++) {
            for (int q = 0; q < 2; q++) {
                int w = r % 2 == 0 ? q : 1 - q;
                for (int k = 0; k < block; k++) {
                    builds[w].time(false, threads, full[w], r * block + k);
                    fits[w] = builds[w].time(true, threads, rest[w], r * block + k);
                }
            }
        }
        for (int w = 0; w < 2; w++) {
            Arrays.sort(full[w]);
            Arrays.sort(rest[w]);
        }
        int m = rounds * block / 2;
        System.out.printf(
                Locale.ROOT,
                "%d %d %s %s  full base=%.4f new=%.4f (%.3f)  rest base=%.4f new=%.4f (%.3f)  F %s %s%n",
                n,
                d,
                a[4],
                a[5],
                full[0][m],
                full[1][m],
                full[1][m] / full[0][m],
                rest[0][m],
                rest[1][m],
                rest[1][m] / rest[0][m],
                builds[0].objective.invoke(fits[0]),
                builds[1].objective.invoke(fits[1]));
    }
}
