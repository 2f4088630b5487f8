package tradeoffs.theory.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.optim.DampedNewton.Settings;
import tradeoffs.theory.optim.DampedNewton.Termination;

class DampedNewtonTest {

    /** f from a value function, a gradient and a dense Hessian (solved by {@link DampedNewton#choleskyDirection}). */
    record Dense(
            Function<double[], Double> f,
            Function<double[], double[]> grad,
            Function<double[], double[]> hess,
            int[] fullEvaluations)
            implements DampedNewton.Function {
        Dense(Function<double[], Double> f, Function<double[], double[]> grad, Function<double[], double[]> hess) {
            this(f, grad, hess, new int[1]);
        }

        @Override
        public double value(double[] x) {
            return f.apply(x);
        }

        @Override
        public DampedNewton.Point at(double[] x) {
            fullEvaluations[0]++;
            double value = f.apply(x);
            double[] g = grad.apply(x);
            double[] h = hess.apply(x);
            return new DampedNewton.Point(
                    value, g, direction -> DampedNewton.choleskyDirection(h, g, g.length, direction));
        }
    }

    /** A strictly convex quadratic ½xᵀAx − bᵀx: one full Newton step lands on A⁻¹b (by hand: A = [[2,1],[1,3]], b = (1, 2), x* = (1/5, 3/5)). */
    @Test
    void quadraticIsSolvedInOneStep() {
        Dense q = new Dense(
                x -> 0.5 * (2 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1],
                x -> new double[] {2 * x[0] + x[1] - 1, x[0] + 3 * x[1] - 2},
                x -> new double[] {2, 1, 1, 3});
        DampedNewton.Result r =
                DampedNewton.minimise(q, new double[] {5, -7}, Settings.of(10).withDecrementTolerance(1e-20));
        assertArrayEquals(new double[] {0.2, 0.6}, r.x(), 1e-14);
        assertEquals(Termination.DECREMENT, r.termination());
        // step 1 moves, step 2 finds the decrement at rounding level
        assertEquals(2, r.steps());
    }

    /**
     * The pseudo-Huber f(x) = √(1 + x²) has pure Newton iterate x ← −x³, which diverges from
     * |x| &gt; 1; the damped method must still reach the minimiser 0 (by hand), and with round-off
     * acceptance off it ends on the decrement or the gradient rule, not on a failed line search.
     */
    @Test
    void dampingRescuesNewtonWhereThePureMethodDiverges() {
        Dense f = new Dense(x -> Math.sqrt(1 + x[0] * x[0]), x -> new double[] {x[0] / Math.sqrt(1 + x[0] * x[0])}, x ->
                new double[] {Math.pow(1 + x[0] * x[0], -1.5)});
        DampedNewton.Result r =
                DampedNewton.minimise(f, new double[] {3.0}, Settings.of(100).withGradientTolerance(1e-14));
        assertEquals(0.0, r.x()[0], 1e-14);
        assertEquals(1.0, r.value(), 1e-15);
        assertEquals(Termination.GRADIENT, r.termination());
    }

    /**
     * Rosenbrock's function 100(y − x²)² + (1 − x)² from the classic start (−1.2, 1) (Nocedal and
     * Wright, 2006, Ex. 2.1 and Fig. 3.3): the minimiser is (1, 1) with f = 0, by hand. The Hessian
     * is indefinite on part of the path, which the ridge repair of the Cholesky direction handles.
     */
    @Test
    void rosenbrockFromTheClassicStart() {
        Dense f = new Dense(
                x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2),
                x -> new double[] {-400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]), 200 * (x[1] - x[0] * x[0])},
                x -> new double[] {1200 * x[0] * x[0] - 400 * x[1] + 2, -400 * x[0], -400 * x[0], 200});
        DampedNewton.Result r = DampedNewton.minimise(
                f, new double[] {-1.2, 1}, Settings.of(200).withDecrementTolerance(1e-30));
        assertArrayEquals(new double[] {1, 1}, r.x(), 1e-10);
        assertTrue(r.value() < 1e-20, "f = " + r.value());
        assertTrue(r.steps() < 60, "steps = " + r.steps());
    }

    /** An accepted full step is reused, never evaluated twice: one full evaluation per step plus the start. */
    @Test
    void theFullStepIsEvaluatedOnce() {
        Dense q = new Dense(x -> Math.exp(x[0]) - 2 * x[0], x -> new double[] {Math.exp(x[0]) - 2}, x ->
                new double[] {Math.exp(x[0])});
        DampedNewton.Result r =
                DampedNewton.minimise(q, new double[] {0.0}, Settings.of(50).withDecrementTolerance(1e-30));
        assertEquals(Math.log(2), r.x()[0], 1e-15); // f' = eˣ − 2 = 0 at x = ln 2
        assertEquals(r.steps(), q.fullEvaluations()[0], "full evaluations = start + accepted full steps");
    }

    /** A short accepted step ends the run on request (x updated), and the iteration cap is respected. */
    @Test
    void shortStepsAndTheIterationCapStopTheRun() {
        Dense f = new Dense(x -> Math.sqrt(1 + x[0] * x[0]), x -> new double[] {x[0] / Math.sqrt(1 + x[0] * x[0])}, x ->
                new double[] {Math.pow(1 + x[0] * x[0], -1.5)});
        // from x = 10 the full step x³ = 1000 away is rejected, so the first accepted step is short
        DampedNewton.Result shortStop =
                DampedNewton.minimise(f, new double[] {10.0}, Settings.of(100).withShortStep(0.5));
        assertEquals(Termination.SHORT_STEP, shortStop.termination());
        assertTrue(Math.abs(shortStop.x()[0]) < 10.0);
        DampedNewton.Result capped = DampedNewton.minimise(f, new double[] {10.0}, Settings.of(1));
        assertEquals(Termination.MAX_ITERATIONS, capped.termination());
        assertEquals(1, capped.steps());
    }

    /** No direction: the run ends at the start. */
    @Test
    void noDirectionKeepsTheStart() {
        DampedNewton.Function f = new DampedNewton.Function() {
            @Override
            public double value(double[] x) {
                return x[0] * x[0];
            }

            @Override
            public DampedNewton.Point at(double[] x) {
                double v = value(x);
                double[] g = {2 * x[0]};
                return new DampedNewton.Point(v, g, direction -> false);
            }
        };
        DampedNewton.Result r = DampedNewton.minimise(f, new double[] {1.5}, Settings.of(10));
        assertEquals(Termination.NO_DIRECTION, r.termination());
        assertArrayEquals(new double[] {1.5}, r.x(), 0.0);
    }

    @Test
    void choleskyDirectionByHandAndWithRidgeRepair() {
        double[] s = new double[2];
        // H = [[4, 2], [2, 3]], g = (2, 1): s = −H⁻¹g = −(1/8)(3·2 − 2·1, −2·2 + 4·1) = (−0.5, 0)
        assertTrue(DampedNewton.choleskyDirection(new double[] {4, 2, 2, 3}, new double[] {2, 1}, 2, s));
        assertArrayEquals(new double[] {-0.5, 0.0}, s, 1e-15);
        // indefinite by rounding: [[1, 1], [1, 1 − 1e-17]] is not positive definite; a tiny ridge makes it so
        double[] h = {1, 1, 1, 1 - 1e-17};
        assertTrue(DampedNewton.choleskyDirection(h, new double[] {1, -1}, 2, s));
        assertTrue(Double.isFinite(s[0]) && Double.isFinite(s[1]));
        // a matrix with a NaN cannot be factored by any ridge
        assertFalse(DampedNewton.choleskyDirection(new double[] {Double.NaN, 0, 0, 1}, new double[] {1, 1}, 2, s));
    }

    @Test
    void settingsAreChecked() {
        assertThrows(ParameterException.class, () -> Settings.of(-1));
        assertThrows(ParameterException.class, () -> Settings.of(5).withMaxHalvings(0));
        ParameterException e = assertThrows(ParameterException.class, () -> new Settings(5, 10, 1.5, 0, 0, 0, 0));
        assertEquals("armijo", e.parameter());
    }
}
