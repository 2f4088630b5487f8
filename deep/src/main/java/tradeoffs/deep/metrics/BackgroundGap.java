package tradeoffs.deep.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.deep.benchmark.ImageSet;

/**
 * BG-gap of the backgrounds challenge (Xiao et al. 2020) [paper]:
 * <pre>  BG-gap = acc(mixed_same) − acc(mixed_rand)</pre>
 * how much accuracy a model loses when the object keeps its class but the background's class
 * becomes random. 0 means no background reliance; with K classes and a model that reads only the
 * background, BG-gap = 1 − 1/K in expectation.
 */
public record BackgroundGap(Accuracy mixedSame, Accuracy mixedRand) {

    /** acc(mixed_same) − acc(mixed_rand). */
    public double value() {
        return mixedSame.value() - mixedRand.value();
    }

    public static BackgroundGap of(Predictor predictor, ImageSet mixedSame, ImageSet mixedRand) {
        return new BackgroundGap(Accuracy.of(predictor, mixedSame), Accuracy.of(predictor, mixedRand));
    }

    /** Columns {@code acc_mixed_same, acc_mixed_rand, bg_gap}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("acc_mixed_same", mixedSame.value());
        m.put("acc_mixed_rand", mixedRand.value());
        m.put("bg_gap", value());
        return m;
    }
}
