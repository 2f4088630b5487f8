package tradeoffs.simulation.training;

/**
 * The certificate of an ℓ2-attack point found by a solver that screened its rows
 * ({@link SignPieceNewton}): the explicit rows U, and the rows G whose signs s_i cannot change in
 * the region the solver stayed in, entered through Σ_G s_i x_i and Σ_G s_i y_i (docs/math.md §6.3
 * item 5, [derived]). {@link DualCertificate#certify} runs on these classes ({@link SignClasses},
 * O(|U|d + d²), the held rows as its band), and when that reduced certificate meets the
 * tolerance {@link DualCertificate#verify} redoes F and the dual bound on every row in one pass:
 * the bound is valid whatever the classes were, so the answer is as final as the certificate with
 * every row explicit, at one pass (two dot products per row) instead of four.
 */
final class ScreenedCertificate {
    private ScreenedCertificate() {}

    /**
     * The certificate of w verified on every row ({@code verified}: final, certified or not), or,
     * when the reduced certificate on {@code classes} ({@link SignClasses#screened}) does not meet
     * the tolerance, that one (not final: its bound holds only if the classes are right; the run's
     * {@code lastBandSigns} are set either way). {@code band}: positions in U of the held rows,
     * increasing. The run's classes are not touched, and its witnesses are as before on return.
     */
    static Result certify(FitRun run, double[] w, SignClasses classes, int[] band) {
        EmpiricalFit reduced = null;
        try {
            reduced = DualCertificate.certify(run, classes, w, 0.0, new NormTerm.L2(), band);
            if (!reduced.certified()) {
                return new Result(reduced, false);
            }
            EmpiricalFit checked =
                    DualCertificate.verify(run, reduced, Double.NEGATIVE_INFINITY, new DualCertificate.Reopen(1));
            return new Result(checked, true);
        } finally {
            run.witnesses.remove(reduced);
        }
    }

    /** The fit and whether it is final (computed or verified on every row). */
    record Result(EmpiricalFit fit, boolean verified) {}
}
