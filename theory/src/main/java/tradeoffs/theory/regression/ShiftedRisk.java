package tradeoffs.theory.regression;

/**
 * Standard risk in a test domain whose second moments differ from training (THEORY.md §1.7,
 * [derived]): MSE = v′ − 2wᵀb′ + wᵀΣ′w with the test-domain (Σ′, b′, v′). For the core/spurious
 * model with only η changed see {@link TwoFeatureClosedForms#shiftedRisk}, where
 * MSE_η′ − MSE_η = 2(1 − a)b(η − η′).
 */
public final class ShiftedRisk {
    private ShiftedRisk() {
    }

    /** v′ − 2wᵀb′ + wᵀΣ′w. */
    public static double of(GaussianModel testDomain, double[] w) {
        return testDomain.residualVariance(w);
    }

    /** The risk of w when the core/spurious model's correlation moves from η to η′. */
    public static double of(CoreSpuriousModel train, double etaTest, double[] w) {
        return of(train.withEta(etaTest).toGaussian(), w);
    }

    /** MSE_η′ − MSE_η = 2(1 − a)b(η − η′), a = σ_c w_c, b = σ_s w_s (two features). */
    public static double twoFeatureGap(double sigmaCore, double sigmaSpurious, double eta, double etaTest, double wCore, double wSpurious) {
        return 2 * (1 - sigmaCore * wCore) * sigmaSpurious * wSpurious * (eta - etaTest);
    }
}
