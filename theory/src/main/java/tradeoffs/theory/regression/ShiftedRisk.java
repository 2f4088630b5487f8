package tradeoffs.theory.regression;

/**
 * Standard risk in a test domain whose second moments differ from training (docs/math.md §5.2,
 * [derived]): MSE = v′ − 2wᵀb′ + wᵀΣ′w with the test-domain (Σ′, b′, v′). For the core/spurious
 * model with only η changed see {@link TwoFeatureClosedForms#shiftedRisk}.
 */
public final class ShiftedRisk {
    private ShiftedRisk() {}

    /** v′ − 2wᵀb′ + wᵀΣ′w. */
    public static double of(GaussianModel testDomain, double[] w) {
        return testDomain.residualVariance(w);
    }

    /** The risk of w when the core/spurious model's correlation moves from η to η′. */
    public static double of(CoreSpuriousModel train, double etaTest, double[] w) {
        return of(train.withEta(etaTest).toGaussian(), w);
    }
}
