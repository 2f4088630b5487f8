package tradeoffs.theory.optim;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import tradeoffs.theory.ParameterException;
import tradeoffs.theory.norm.LpNorm;

/**
 * Damped Newton's method with Armijo backtracking for a smooth function f: ℝ^k → ℝ (Nocedal and
 * Wright, <i>Numerical Optimization</i>, 2006, §3.1 and §3.3; Boyd and Vandenberghe,
 * <i>Convex Optimization</i>, 2004, §9.5). The caller supplies f, its gradient and the Newton
 * direction, because only it knows how to form and solve its system (a face of a polyhedron, a
 * structured Hessian); {@link #choleskyDirection} solves a dense one.
 *
 * <p>From x with gradient g and direction s (∇²f(x)·s = −g), the step length t = 1, ½, ¼, … is
 * the first that satisfies the Armijo condition
 * <pre>  f(x + t s) ≤ f(x) + c·t·gᵀs      (c = {@link Settings#armijo}, 10⁻⁴ by default),</pre>
 * and x ← x + t s. The full step is evaluated with its derivatives ({@link Function#at}), since
 * near the minimum it is accepted almost always; shorter trials evaluate f only
 * ({@link Function#valueBetween}, by default {@link Function#value}). The method stops at the first of ({@link Termination}):
 * <ul>
 *   <li>‖g‖₂ ≤ {@link Settings#gradientTolerance} (before the direction is formed);</li>
 *   <li>no direction ({@link NewtonDirection#write} returns false), or gᵀs ≥ 0 (not a descent
 *       direction, e.g. at the minimum to rounding);</li>
 *   <li>the Newton decrement −gᵀs ≤ {@link Settings#decrementTolerance}·max(|f(x)|, 10⁻³⁰⁰);</li>
 *   <li>no step length among {@link Settings#maxHalvings} halvings satisfies Armijo (x unchanged);</li>
 *   <li>an accepted step was shorter than {@link Settings#shortStep} (x updated; for homotopies
 *       whose next stage takes over);</li>
 *   <li>{@link Settings#maxIterations} steps.</li>
 * </ul>
 * Near the minimum f may no longer tell points apart in floating point; with
 * {@link Settings#roundOff} = ρ &gt; 0 the full step is also accepted when f(x + s) ≤ f(x)(1 + ρ)
 * (for f(x) ≥ 0; (1 − ρ) below 0) and it halves the gradient norm. The Armijo reference is the
 * smallest value accepted so far (f(x) except after such a step). Stateless: one call, one run;
 * thread-safe when f is.
 */
public final class DampedNewton {
    private DampedNewton() {}

    /** f, evaluated alone or with what a Newton step needs. */
    public interface Function {
        /** f(x) (backtracking trials); x must not be modified. */
        double value(double[] x);

        /** f, ∇f and the Newton system at x (a full evaluation); x must not be modified. */
        Point at(double[] x);

        /**
         * f at a backtracking trial {@code trial} = x + t·s, 0 &lt; t &lt; 1, of a step whose two
         * ends were the last two full evaluations: {@link #at} at x, then at x + s. The default is
         * {@link #value}; a function that is cheaper to evaluate on a segment from its two ends (an
         * affine map inside it, as the residuals of a linear model) may override it.
         */
        default double valueBetween(double[] trial, double t) {
            return value(trial);
        }
    }

    /** Writes the Newton direction at a point. */
    @FunctionalInterface
    public interface NewtonDirection {
        /**
         * Writes s = −[∇²f(x)]⁻¹∇f(x) (or another descent direction) into {@code direction};
         * returns false when there is none (singular system, x outside the region where f is
         * smooth), which ends the run at x.
         */
        boolean write(double[] direction);
    }

    /**
     * A fully evaluated point.
     *
     * @param value    f(x)
     * @param gradient ∇f(x) (not modified by the method)
     * @param newton   the Newton direction at x
     */
    public record Point(double value, double[] gradient, NewtonDirection newton) {}

    /**
     * When to stop and how to search.
     *
     * @param maxIterations      Newton steps at most (≥ 0)
     * @param maxHalvings        step lengths tried per step, 1, ½, …, 2^−(maxHalvings−1) (≥ 1)
     * @param armijo             c ∈ (0, 1) of the Armijo condition
     * @param gradientTolerance  stop when ‖∇f‖₂ ≤ this (0: never on the gradient alone)
     * @param decrementTolerance stop when −gᵀs ≤ this·max(|f|, 10⁻³⁰⁰) (0: only when gᵀs ≥ 0)
     * @param roundOff           ρ of the round-off acceptance of the full step (0: off)
     * @param shortStep          stop after accepting a step length below this (0: never)
     */
    public record Settings(
            int maxIterations,
            int maxHalvings,
            double armijo,
            double gradientTolerance,
            double decrementTolerance,
            double roundOff,
            double shortStep) {
        public Settings {
            ParameterException.requireAtLeast("max_iterations", maxIterations, 0);
            ParameterException.requireAtLeast("max_halvings", maxHalvings, 1);
            if (!(armijo > 0 && armijo < 1)) {
                throw new ParameterException("armijo", "must be in (0, 1)", armijo);
            }
            ParameterException.requireNonNegative("gradient_tolerance", gradientTolerance);
            ParameterException.requireNonNegative("decrement_tolerance", decrementTolerance);
            ParameterException.requireNonNegative("round_off", roundOff);
            ParameterException.requireNonNegative("short_step", shortStep);
        }

        /** {@code maxIterations} steps, 60 halvings, c = 10⁻⁴, every other rule off. */
        public static Settings of(int maxIterations) {
            return new Settings(maxIterations, 60, 1e-4, 0.0, 0.0, 0.0, 0.0);
        }

        public Settings withMaxHalvings(int halvings) {
            return new Settings(
                    maxIterations, halvings, armijo, gradientTolerance, decrementTolerance, roundOff, shortStep);
        }

        public Settings withGradientTolerance(double tolerance) {
            return new Settings(maxIterations, maxHalvings, armijo, tolerance, decrementTolerance, roundOff, shortStep);
        }

        public Settings withDecrementTolerance(double tolerance) {
            return new Settings(maxIterations, maxHalvings, armijo, gradientTolerance, tolerance, roundOff, shortStep);
        }

        public Settings withRoundOff(double rho) {
            return new Settings(
                    maxIterations, maxHalvings, armijo, gradientTolerance, decrementTolerance, rho, shortStep);
        }

        public Settings withShortStep(double length) {
            return new Settings(
                    maxIterations, maxHalvings, armijo, gradientTolerance, decrementTolerance, roundOff, length);
        }
    }

    /** Why a run ended. */
    public enum Termination {
        /** ‖∇f‖₂ at or below the gradient tolerance. */
        GRADIENT,
        /** No Newton direction at x. */
        NO_DIRECTION,
        /** gᵀs ≥ 0, or the Newton decrement at or below its tolerance. */
        DECREMENT,
        /** No step length satisfied Armijo; x is the last accepted point. */
        LINE_SEARCH,
        /** An accepted step was shorter than {@link Settings#shortStep}. */
        SHORT_STEP,
        /** {@link Settings#maxIterations} steps taken. */
        MAX_ITERATIONS
    }

    /**
     * The outcome.
     *
     * @param x           the last accepted point
     * @param value       f(x)
     * @param steps       Newton directions formed (accepted steps plus the final test)
     * @param termination why the run ended
     */
    public record Result(double[] x, double value, int steps, Termination termination) {
        public Result {
            x = x.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    /** Minimises f from {@code start} (not modified). */
    public static Result minimise(Function f, double[] start, Settings settings) {
        int k = start.length;
        double[] x = start.clone();
        Point point = f.at(x);
        double reference = point.value();
        double[] direction = new double[k];
        int steps = 0;
        for (int it = 0; it < settings.maxIterations(); it++) {
            double[] g = point.gradient();
            double gradientNorm = 0.0;
            if (settings.gradientTolerance() > 0 || settings.roundOff() > 0) {
                gradientNorm = LpNorm.L2.norm(g);
                if (gradientNorm <= settings.gradientTolerance()) {
                    return new Result(x, point.value(), steps, Termination.GRADIENT);
                }
            }
            if (!point.newton().write(direction)) {
                return new Result(x, point.value(), steps, Termination.NO_DIRECTION);
            }
            steps++;
            double slope = 0.0;
            for (int j = 0; j < k; j++) {
                slope += g[j] * direction[j];
            }
            if (!(slope < 0) || -slope <= settings.decrementTolerance() * Math.max(Math.abs(reference), 1e-300)) {
                return new Result(x, point.value(), steps, Termination.DECREMENT);
            }
            double t = 1.0;
            double[] trial = new double[k];
            Point full = null;
            double trialValue = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < settings.maxHalvings(); ls++) {
                for (int j = 0; j < k; j++) {
                    trial[j] = x[j] + t * direction[j];
                }
                if (ls == 0) {
                    full = f.at(trial);
                    trialValue = full.value();
                } else {
                    trialValue = f.valueBetween(trial, t);
                }
                if (trialValue <= reference + settings.armijo() * t * slope) {
                    accepted = true;
                    break;
                }
                if (ls == 0
                        && settings.roundOff() > 0
                        && trialValue
                                <= reference * (reference >= 0 ? 1 + settings.roundOff() : 1 - settings.roundOff())
                        && LpNorm.L2.norm(full.gradient()) < 0.5 * gradientNorm) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                return new Result(x, point.value(), steps, Termination.LINE_SEARCH);
            }
            x = trial;
            reference = Math.min(reference, trialValue);
            point = t == 1.0 ? full : f.at(x);
            if (t < settings.shortStep()) {
                return new Result(x, point.value(), steps, Termination.SHORT_STEP);
            }
        }
        return new Result(x, point.value(), steps, Termination.MAX_ITERATIONS);
    }

    /**
     * The Newton direction of a dense system: solves H s = −g for symmetric positive definite H
     * (k × k, row-major, not modified) by Cholesky (EJML). When round-off breaks definiteness it
     * adds a ridge δI, δ = 10⁻¹⁴·max_j|H_jj| and then ×100 per retry (20 tries); returns false if
     * all fail or the solution is not finite ({@code direction} is then left as it was).
     */
    public static boolean choleskyDirection(double[] hessian, double[] gradient, int k, double[] direction) {
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(k);
        DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
        for (int j = 0; j < k; j++) {
            rhs.data[j] = -gradient[j];
        }
        double diag = 0;
        for (int j = 0; j < k; j++) {
            diag = Math.max(diag, Math.abs(hessian[j * k + j]));
        }
        double ridge = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            DMatrixRMaj hm = new DMatrixRMaj(k, k);
            System.arraycopy(hessian, 0, hm.data, 0, k * k);
            for (int j = 0; j < k; j++) {
                hm.data[j * k + j] += ridge;
            }
            if (chol.setA(hm)) {
                DMatrixRMaj out = new DMatrixRMaj(k, 1);
                chol.solve(rhs, out);
                for (int j = 0; j < k; j++) {
                    if (!Double.isFinite(out.data[j])) {
                        return false;
                    }
                }
                System.arraycopy(out.data, 0, direction, 0, k);
                return true;
            }
            ridge = ridge == 0 ? 1e-14 * Math.max(diag, 1e-300) : ridge * 100;
        }
        return false;
    }
}
