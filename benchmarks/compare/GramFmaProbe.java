// Does JDK 17's C2 vectorise Math.fma? The project's XᵀX loop (GramKernel.rowBuffers: four rows
// into two rows of S per loop over k) written twice, with a·b + c and with Math.fma, timed alone in
// a fresh JVM (benchmarks/results/fsblas.md): median thread CPU ms of REPS calls after 30 untimed.
//   java benchmarks/compare/GramFmaProbe.java n d plain|fma REPS
// At n = 10⁴, d = 100 (2026-12-06): plain 5.1–6.9 ms, fma 9.4–9.7 ms (three JVMs each): the fused
// loop is not vectorised, so the kernel cannot use the CPU's FMA units from plain Java.
import java.lang.management.*;
public class GramFmaProbe {
  static double[] rb(double[] x, int n, int d, boolean fma) {
    double[][] s = new double[d][d];
    double[] x0 = new double[d], x1 = new double[d], x2 = new double[d], x3 = new double[d];
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      int o = i * d;
      System.arraycopy(x, o, x0, 0, d); System.arraycopy(x, o + d, x1, 0, d);
      System.arraycopy(x, o + 2 * d, x2, 0, d); System.arraycopy(x, o + 3 * d, x3, 0, d);
      int j = 0;
      for (; j + 2 <= d; j += 2) {
        double[] g = s[j], h = s[j + 1];
        double a0 = x0[j], a1 = x1[j], a2 = x2[j], a3 = x3[j];
        double b0 = x0[j+1], b1 = x1[j+1], b2 = x2[j+1], b3 = x3[j+1];
        g[j] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
        if (fma) {
          for (int k = j + 1; k < d; k++) {
            double y0 = x0[k], y1 = x1[k], y2 = x2[k], y3 = x3[k];
            g[k] = Math.fma(a3, y3, Math.fma(a2, y2, Math.fma(a1, y1, Math.fma(a0, y0, g[k]))));
            h[k] = Math.fma(b3, y3, Math.fma(b2, y2, Math.fma(b1, y1, Math.fma(b0, y0, h[k]))));
          }
        } else {
          for (int k = j + 1; k < d; k++) {
            double y0 = x0[k], y1 = x1[k], y2 = x2[k], y3 = x3[k];
            g[k] += a0 * y0 + a1 * y1 + a2 * y2 + a3 * y3;
            h[k] += b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3;
          }
        }
      }
    }
    double[] out = new double[d*d];
    for (int j = 0; j < d; j++) System.arraycopy(s[j], 0, out, j*d, d);
    return out;
  }
  public static void main(String[] a) {
    int n = Integer.parseInt(a[0]), d = Integer.parseInt(a[1]); boolean fma = a[2].equals("fma");
    java.util.Random r = new java.util.Random(1); double[] x = new double[n*d];
    for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
    ThreadMXBean tb = ManagementFactory.getThreadMXBean();
    int reps = Integer.parseInt(a[3]); double[] t = new double[reps]; double sink = 0;
    for (int w = 0; w < 30; w++) sink += rb(x, n, d, fma)[d+1];
    for (int k = 0; k < reps; k++) { long c = tb.getCurrentThreadCpuTime(); sink += rb(x, n, d, fma)[d+1]; t[k] = (tb.getCurrentThreadCpuTime()-c)/1e6; }
    java.util.Arrays.sort(t);
    System.out.printf("%s n=%d d=%d median=%.3f ms min=%.3f sink=%g%n", a[2], n, d, t[reps/2], t[0], sink);
  }
}
