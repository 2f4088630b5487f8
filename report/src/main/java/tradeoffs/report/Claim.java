package tradeoffs.report;

/**
 * The claims the report checks, each as its paper states it ([paper]): the four regression claims of
 * docs/math.md §12.1 and the deep claim (Moayeri, Banihashem, Feizi 2022), then the classification
 * claims C1–C4 of docs/math.md §12.6 (Tramèr &amp; Boneh 2019, Tramèr et al. 2020, Jacobsen et al.
 * 2019, Robey et al. 2024), each decided on the exact models of docs/math.md §10.
 */
public enum Claim {
    /** Claim 1. */
    L1_L2_INCREASE_RELIANCE(
            "1",
            "Adversarial training with ℓ1 and ℓ2 perturbations increases the model's reliance on "
                    + "spurious features."),
    /** Claim 2. */
    LINF_SCALE_CONDITION(
            "2",
            "With ℓ∞ perturbations, spurious reliance occurs only when the spurious features' scale "
                    + "is larger than the core features'."),
    /** Claim 3. */
    SHIFT_HURTS(
            "3",
            "Adversarial training can reduce robustness to distribution shift when the spurious correlation "
                    + "changes in the test domain."),
    /** Claim 4. */
    SPURIOUS_HELPS_ROBUSTNESS(
            "4",
            "Spurious correlations in training data, when preserved at test time, can improve "
                    + "adversarial robustness."),
    /** The deep-model claim. */
    DEEP_BACKGROUNDS("deep", "Adversarially trained classifiers rely on backgrounds more than standard ones."),
    /** Classification claim C1: the MEP bound. */
    MEP_BOUND(
            "C1",
            "ℓ∞ and ℓ1 robustness are mutually exclusive: when ε∞ ≥ 2η and ε₁ ≥ 2, every classifier has "
                    + "(ℓ∞ robust error) + (ℓ1 robust error) ≥ 1.",
            "[paper] Tramèr & Boneh 2019 (mutually exclusive perturbations); the bound on this distribution is [derived] "
                    + "docs/math.md §10.3"),
    /** Classification claim C2: where the optimal classifiers meet the bound. */
    MEP_OPTIMA(
            "C2",
            "Robust-optimal classifiers reach the bound where the theory says: under the MEP premise the "
                    + "union- and average-optimal classifiers sit on it (error sum 1, union accuracy ½), the ℓ1-optimal and "
                    + "weak-feature classifiers approach it as d grows, and without the premise the union optimum beats it.",
            "[derived] docs/math.md §10.3–§10.4 (tightness, optimal linear classifiers); the tradeoff is [paper] "
                    + "Tramèr & Boneh 2019"),
    /** Classification claim C3: excessive invariance. */
    EXCESSIVE_INVARIANCE(
            "C3",
            "Classifiers robust to sensitivity perturbations become excessively invariant: their "
                    + "invariance error rises with ε, while the semantic classifier has none and loses robust accuracy instead.",
            "[paper] Tramèr et al. 2020, Jacobsen et al. 2019; the toy and its closed forms are [derived] "
                    + "docs/math.md §10.5"),
    /** Classification claim C4: BETA against cross-entropy. */
    BETA_FINDS_WHAT_CE_MISSES(
            "C4",
            "Maximising cross-entropy need not find a misclassifying perturbation that "
                    + "exists; BETA, maximising each wrong class's margin, finds it.",
            "[paper] Robey et al. 2024 (the surrogate pitfall and BETA); the linear counterexample and its rates are "
                    + "[derived] docs/math.md §10.6, §10.9");

    private static final String MOAYERI = "[paper] Moayeri, Banihashem, Feizi 2022 (docs/math.md §12.1)";

    private final String number;
    private final String statement;
    private final String provenance;

    Claim(String number, String statement) {
        this(number, statement, MOAYERI);
    }

    Claim(String number, String statement, String provenance) {
        this.number = number;
        this.statement = statement;
        this.provenance = provenance;
    }

    /** "1" … "4", "deep", or "C1" … "C4" for the classification claims. */
    public String number() {
        return number;
    }

    /** The claim in the report's words. */
    public String statement() {
        return statement;
    }

    /** Where the claim comes from, with its tag. */
    public String provenance() {
        return provenance;
    }

    /** A heading such as "Claim 2", "Deep claim" or "Claim C1". */
    public String title() {
        return this == DEEP_BACKGROUNDS ? "Deep claim" : "Claim " + number;
    }
}
