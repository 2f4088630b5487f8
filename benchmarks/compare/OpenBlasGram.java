// XᵀX by the project's kernel against OpenBLAS's dsyrk called from Java (JavaCPP's org.bytedeco
// openblas preset, one OpenBLAS thread), side by side in one JVM: the question whether a native
// BLAS dependency would earn its place for issue 12's finite-sample fits
// (benchmarks/results/fsblas.md). X is n×d row-major standard normal (the values do not change the
// time of a dense product). Each round times, on the same thread, in turn:
//   project   GramKernel.gram(x, n, d) (simulation.training; package-private, called by reflection),
//   jni[]     cblas_dsyrk on the double[] itself (JavaCPP copies it in and S out at every call),
//   jniHeap   cblas_dsyrk on X already in native memory (the copy left out: a lower bound),
// and the first timed round checks that the three S agree within 1e-12·sqrt(S_jj S_kk). Prints the
// median thread CPU ms of each over REPS rounds, after 4 s of CPU time and 20 more rounds untimed,
// and the ratios to the project.
//
// Usage (single-file program, JDK 17; the preset jars from Maven Central, not a project dependency):
//   mvn -B -ntp -pl benchmarks -am package -DskipTests
//   for a in org.bytedeco:javacpp:1.5.13 org.bytedeco:javacpp:1.5.13:jar:linux-x86_64 \
//            org.bytedeco:openblas:0.3.31-1.5.13 org.bytedeco:openblas:0.3.31-1.5.13:jar:linux-x86_64; do
//     mvn -B -ntp -q dependency:get -Dartifact=$a -Dtransitive=false; done
//   R=~/.m2/repository/org/bytedeco; B=$R/javacpp/1.5.13/javacpp-1.5.13; O=$R/openblas/0.3.31-1.5.13/openblas-0.3.31-1.5.13
//   OPENBLAS_NUM_THREADS=1 java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*:$B.jar:$B-linux-x86_64.jar:$O.jar:$O-linux-x86_64.jar" \
//     benchmarks/compare/OpenBlasGram.java n d REPS
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.CblasUpper;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.DoublePointer;

public class OpenBlasGram {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int reps = Integer.parseInt(args[2]);
        Method gram = Class.forName("tradeoffs.simulation.training.GramKernel")
                .getDeclaredMethod("gram", double[].class, int.class, int.class);
        gram.setAccessible(true);
        Random r = new Random(1);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] s = new double[d * d];
        DoublePointer xp = new DoublePointer((long) n * d).put(x, 0, x.length);
        DoublePointer sp = new DoublePointer((long) d * d);
        double[][] t = new double[3][reps];
        // warm-up by time, not by count: C2 compiles the project's kernel after about 20 calls and
        // 1–2 s (benchmarks/results/fsgram20.md), and a call at n = 10³ takes well under 1 ms
        long warm = T.getCurrentThreadCpuTime() + 4_000_000_000L;
        while (T.getCurrentThreadCpuTime() < warm) {
            gram.invoke(null, x, n, d);
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, x, d, 0.0, s, d);
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, xp, d, 0.0, sp, d);
        }
        for (int k = -20; k < reps; k++) {
            long t0 = T.getCurrentThreadCpuTime();
            double[] p = (double[]) gram.invoke(null, x, n, d);
            long t1 = T.getCurrentThreadCpuTime();
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, x, d, 0.0, s, d);
            long t2 = T.getCurrentThreadCpuTime();
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, xp, d, 0.0, sp, d);
            long t3 = T.getCurrentThreadCpuTime();
            if (k == -20) {
                check(p, s, sp, d);
            }
            if (k >= 0) {
                t[0][k] = (t1 - t0) / 1e6;
                t[1][k] = (t2 - t1) / 1e6;
                t[2][k] = (t3 - t2) / 1e6;
            }
        }
        for (double[] a : t) {
            Arrays.sort(a);
        }
        double p = t[0][reps / 2];
        System.out.printf("n=%d d=%d project_ms=%.3f jni_array_ms=%.3f jni_native_ms=%.3f array/project=%.2f native/project=%.2f%n",
                n, d, p, t[1][reps / 2], t[2][reps / 2], t[1][reps / 2] / p, t[2][reps / 2] / p);
    }

    static void check(double[] p, double[] s, DoublePointer sp, int d) {
        // |S_jk| ≤ sqrt(S_jj S_kk): round-off in either sum is a small multiple of that scale
        double worst = 0;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double ref = Math.sqrt(p[j * d + j] * p[k * d + k]);
                worst = Math.max(worst, Math.abs(p[j * d + k] - s[j * d + k]) / ref);
                worst = Math.max(worst, Math.abs(p[j * d + k] - sp.get((long) j * d + k)) / ref);
            }
        }
        if (worst > 1e-12) {
            throw new IllegalStateException("S differs from OpenBLAS's by " + worst);
        }
    }
}
