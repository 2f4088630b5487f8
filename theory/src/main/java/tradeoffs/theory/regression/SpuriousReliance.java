package tradeoffs.theory.regression;

import tradeoffs.theory.ParameterException;

/**
 * Spurious reliance, the share of the prediction's signal carried by spurious features
 * (docs/math.md §5.1, [derived definition]):
 * reliance = σ_s‖w_s‖₂ / (σ_c‖w_c‖₂ + σ_s‖w_s‖₂), 0 = core only, 1 = spurious only.
 * For a general model each weight is scaled by its feature's standard deviation √Σ_ii, which is
 * the same formula for the core/spurious model. Undefined (NaN) for w = 0.
 */
public final class SpuriousReliance {
    private SpuriousReliance() {}

    /** reliance with the first {@code dimCore} coordinates core and the rest spurious. */
    public static double of(GaussianModel model, double[] w, int dimCore) {
        checkSplit(w.length, dimCore);
        double core = 0.0;
        double spur = 0.0;
        for (int i = 0; i < w.length; i++) {
            double x = Math.sqrt(model.sigma(i, i)) * w[i];
            if (i < dimCore) {
                core += x * x;
            } else {
                spur += x * x;
            }
        }
        return ratio(Math.sqrt(core), Math.sqrt(spur));
    }

    private static double ratio(double core, double spur) {
        double total = core + spur;
        return total == 0.0 ? Double.NaN : spur / total;
    }

    /**
     * The summary of a block of weights [from, to): the weight itself for a one-coordinate block,
     * its ℓ2 norm otherwise (the {@code w_core}, {@code w_spurious} columns of the theory table, docs/theory.md).
     */
    public static double blockSummary(double[] w, int from, int to) {
        if (to - from == 1) {
            return w[from];
        }
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s += w[i] * w[i];
        }
        return Math.sqrt(s);
    }

    static void checkSplit(int d, int dimCore) {
        if (dimCore < 1 || dimCore > d) {
            throw new ParameterException("dim_core", "must be in [1, " + d + "]", dimCore);
        }
    }
}
