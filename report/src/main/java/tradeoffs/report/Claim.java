package tradeoffs.report;

/** The claims of THEORY.md §1.1 the report checks, each as the paper states it ([paper]). */
public enum Claim {
    /** Claim 1. */
    L1_L2_INCREASE_RELIANCE("1", "Adversarial training with ℓ1 and ℓ2 perturbations increases the model's reliance on "
            + "spurious features."),
    /** Claim 2. */
    LINF_SCALE_CONDITION("2", "With ℓ∞ perturbations, spurious reliance occurs only when the spurious features' scale "
            + "is larger than the core features'."),
    /** Claim 3. */
    SHIFT_HURTS("3", "Adversarial training can reduce robustness to distribution shift when the spurious correlation "
            + "changes in the test domain."),
    /** Claim 4. */
    SPURIOUS_HELPS_ROBUSTNESS("4", "Spurious correlations in training data, when preserved at test time, can improve "
            + "adversarial robustness."),
    /** The deep-model claim. */
    DEEP_BACKGROUNDS("deep", "Adversarially trained classifiers rely on backgrounds more than standard ones.");

    private final String number;
    private final String statement;

    Claim(String number, String statement) {
        this.number = number;
        this.statement = statement;
    }

    /** "1" … "4", or "deep". */
    public String number() {
        return number;
    }

    /** The claim as THEORY.md §1.1 words it. */
    public String statement() {
        return statement;
    }

    /** Where the claim comes from (THEORY.md §1.1 tags all of them [paper]: Moayeri et al. 2022). */
    public String provenance() {
        return "[paper] Moayeri, Banihashem, Feizi 2022 (THEORY.md §1.1)";
    }

    /** A heading such as "Claim 2" or "Deep claim". */
    public String title() {
        return this == DEEP_BACKGROUNDS ? "Deep claim" : "Claim " + number;
    }
}
