package tradeoffs.theory.regression;

import tradeoffs.theory.ReferenceTable;

/** Builds the models of the reference fixtures' rows (see src/test/python/regression_reference.py). */
final class ReferenceModels {
    private ReferenceModels() {}

    /** The two-feature core/spurious model of a row with columns sigma_core, sigma_spurious, eta, noise. */
    static CoreSpuriousModel twoFeature(ReferenceTable.Row r) {
        return CoreSpuriousModel.twoFeature(r.num("sigma_core"), r.num("sigma_spurious"), r.num("eta"), r.num("noise"));
    }

    /** The Gaussian model of a row with columns sigma (row-major), b and v. */
    static GaussianModel moments(ReferenceTable.Row r) {
        return new GaussianModel(r.matrix("sigma"), r.vector("b"), r.num("v"));
    }
}
