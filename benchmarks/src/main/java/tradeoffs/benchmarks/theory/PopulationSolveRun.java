package tradeoffs.benchmarks.theory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import tradeoffs.theory.norm.LpNorm;
import tradeoffs.theory.regression.AdversarialSolution;
import tradeoffs.theory.regression.AdversarialTraining;
import tradeoffs.theory.regression.GaussianModel;

/**
 * One side of the population-solve comparison (benchmarks/compare/population.sh): builds the
 * {@link PopulationInstance}, times the certified solve in this process and prints one JSON line.
 * Times (medians over the repeats, after JIT warm-up on the same problem: at least three solves
 * and at least one second of them):
 * {@code solve_seconds}, a solve on a prepared model (what every further ε of a grid costs), and
 * {@code solve_cpu_seconds}, the solving thread's CPU time for it (the honest measure on a loaded
 * machine, where wall time mostly measures the other processes);
 * {@code prepare_solve_seconds}, preparing the validated model and one solve; and, once,
 * {@code model_seconds} (validating the model: its Cholesky factorisation) and
 * {@code first_solve_seconds} (prepare + solve in a cold JVM).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar tradeoffs.benchmarks.theory.PopulationSolveRun
 *     --dim 1000 --rho 0.5 --norm linf --fraction 0.3 [--seed 1] [--repeats 5]
 *     [--instance FILE] [--weights FILE]</pre>
 * {@code --instance} writes the problem for the anchor, {@code --weights} the solution (one
 * value a line) for the agreement check.
 */
public final class PopulationSolveRun {
    /** Warm-up: at least three rounds, then rounds until this much time has passed (or {@link #WARM_UP_MAX}). */
    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private static final int WARM_UP_MAX = 2_000;

    private PopulationSolveRun() {}

    public static void main(String[] args) {
        int dim = 1000;
        double rho = 0.5;
        String norm = "linf";
        double fraction = 0.3;
        long seed = 1;
        int repeats = 5;
        Path instanceFile = null;
        Path weightsFile = null;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--dim" -> dim = Integer.parseInt(v);
                case "--rho" -> rho = Double.parseDouble(v);
                case "--norm" -> norm = v;
                case "--fraction" -> fraction = Double.parseDouble(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--repeats" -> repeats = Integer.parseInt(v);
                case "--instance" -> instanceFile = Path.of(v);
                case "--weights" -> weightsFile = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PopulationInstance instance = new PopulationInstance(dim, rho, seed, 0.5);
        LpNorm attack = LpNorm.parse(norm);
        long t0 = System.nanoTime();
        GaussianModel model = instance.model();
        double modelSeconds = (System.nanoTime() - t0) / 1e9;
        double eps = PopulationInstance.eps(model, attack, fraction);
        if (instanceFile != null) {
            instance.write(instanceFile, model, eps);
        }
        long t1 = System.nanoTime();
        AdversarialSolution first = new AdversarialTraining(model).solve(attack, eps);
        double firstSeconds = (System.nanoTime() - t1) / 1e9;
        // JIT warm-up on the same problem, then the timed repeats: at least three rounds and at
        // least one second (a few solves do not get the hot loops compiled: at d = 1000 the first
        // ten solves took 1.2-4x the steady time, and the compiler threads share the 2 cores)
        AdversarialTraining trainer = new AdversarialTraining(model);
        long warmStart = System.nanoTime();
        for (int w = 0; w < WARM_UP_MAX && (w < 3 || System.nanoTime() - warmStart < WARM_UP_NANOS); w++) {
            trainer.solve(attack, eps);
            new AdversarialTraining(model).solve(attack, eps);
        }
        double[] solve = new double[repeats];
        double[] solveCpu = new double[repeats];
        double[] prepareSolve = new double[repeats];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AdversarialSolution sol = first;
        for (int r = 0; r < repeats; r++) {
            long a = System.nanoTime();
            long ac = cpu.getCurrentThreadCpuTime();
            sol = trainer.solve(attack, eps);
            long bc = cpu.getCurrentThreadCpuTime();
            long b = System.nanoTime();
            new AdversarialTraining(model).solve(attack, eps);
            long c = System.nanoTime();
            solve[r] = (b - a) / 1e9;
            solveCpu[r] = (bc - ac) / 1e9;
            prepareSolve[r] = (c - b) / 1e9;
        }
        if (weightsFile != null) {
            PopulationInstance.writeValues(weightsFile, null, sol.w());
        }
        int nonzero = 0;
        for (double x : sol.w()) {
            if (x != 0) {
                nonzero++;
            }
        }
        System.out.println(String.format(
                Locale.ROOT,
                "{\"side\": \"java\", \"dim\": %d, \"rho\": %s, \"norm\": \"%s\", \"fraction\": %s, \"eps\": %s, "
                        + "\"solve_seconds\": %.6f, \"solve_cpu_seconds\": %.6f, \"prepare_solve_seconds\": %.6f, \"model_seconds\": %.6f, \"first_solve_seconds\": %.6f, "
                        + "\"risk\": %s, \"nonzero\": %d, \"kkt_residual\": %s, \"suboptimality_bound\": %s, \"method\": \"%s\"}",
                dim,
                rho,
                norm,
                fraction,
                eps,
                median(solve),
                median(solveCpu),
                median(prepareSolve),
                modelSeconds,
                firstSeconds,
                sol.adversarialRisk(),
                nonzero,
                sol.certificate().kktResidual(),
                sol.certificate().suboptimalityBound(),
                sol.certificate().method()));
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
