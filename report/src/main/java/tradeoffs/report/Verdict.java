package tradeoffs.report;

/** What the numbers of one level say about one claim. */
public enum Verdict {
    /** The computed test supports the claim. */
    HOLDS("holds"),
    /** The computed test does not support the claim (including a trend whose interval contains 0). */
    FAILS("fails"),
    /** No data at this level (for example the deep part was not run). */
    NOT_TESTED("not tested");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** HOLDS when {@code ok}, FAILS otherwise. */
    public static Verdict of(boolean ok) {
        return ok ? HOLDS : FAILS;
    }

    /** Combines the verdicts of several sub-tests: NOT_TESTED if none was tested, FAILS if any failed. */
    public static Verdict all(Verdict... vs) {
        boolean any = false;
        for (Verdict v : vs) {
            if (v == FAILS) {
                return FAILS;
            }
            any |= v == HOLDS;
        }
        return any ? HOLDS : NOT_TESTED;
    }
}
