package tradeoffs.report;

import java.util.List;
import java.util.Objects;

/**
 * One row of the claims ledger: what one level's numbers say about one claim.
 *
 * @param claim the claim of docs/math.md §12.1
 * @param level theory, simulation or deep
 * @param verdict computed from {@code evidence}'s numbers, never fixed text
 * @param evidence the numbers and the test, in one or two sentences (markdown allowed: `code`, *em*)
 * @param parameters the parameters the numbers were computed at, e.g. "σ_c = 1, σ_s = 2, η = 0.6"
 * @param provenance tags of the formulas or methods used, e.g. "[derived] docs/math.md §4.2"
 * @param figures ids of figures that show this evidence (may be empty)
 */
public record ClaimEvidence(
        Claim claim,
        Level level,
        Verdict verdict,
        String evidence,
        String parameters,
        String provenance,
        List<String> figures) {
    public ClaimEvidence {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
        parameters = parameters == null ? "" : parameters;
        provenance = provenance == null ? "" : provenance;
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** A row saying that this level has no data for the claim. */
    public static ClaimEvidence notTested(Claim claim, Level level, String why) {
        return new ClaimEvidence(claim, level, Verdict.NOT_TESTED, why, "", "", List.of());
    }
}
