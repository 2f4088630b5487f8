package tradeoffs.deep.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import tradeoffs.deep.benchmark.ImageSet;

/**
 * Clean accuracy on one image set: correct / n, the fraction of images whose predicted class is
 * the label.
 *
 * @param set     the set's name (for a variant, its ImageNet-9 id)
 * @param n       images scored
 * @param correct images predicted correctly
 */
public record Accuracy(String set, int n, int correct) {

    public Accuracy {
        if (n < 0 || correct < 0 || correct > n) {
            throw new IllegalArgumentException("need 0 <= correct <= n (got correct=" + correct + ", n=" + n + ")");
        }
    }

    /** correct / n; NaN for an empty set. */
    public double value() {
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** The accuracy of {@code predictor} on {@code images}. */
    public static Accuracy of(Predictor predictor, ImageSet images) {
        return of(images.name(), predict(predictor, images), images.labels());
    }

    /** The accuracy of {@code predictions} against {@code labels}. */
    public static Accuracy of(String set, int[] predictions, int[] labels) {
        int c = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictions[i] == labels[i]) {
                c++;
            }
        }
        return new Accuracy(set, labels.length, c);
    }

    /**
     * Runs {@code predictor} and checks its answer: one class in [0, K) or {@link Predictor#NONE} per
     * image. A predictor breaking that contract is a bug, reported as IllegalStateException.
     */
    public static int[] predict(Predictor predictor, ImageSet images) {
        int[] p = predictor.predict(images);
        if (p == null || p.length != images.size()) {
            throw new IllegalStateException("predictor returned " + (p == null ? "null" : p.length + " predictions")
                    + " for " + images.size() + " images of " + images.name());
        }
        for (int i = 0; i < p.length; i++) {
            if ((p[i] < 0 && p[i] != Predictor.NONE) || p[i] >= images.numClasses()) {
                throw new IllegalStateException("predictor returned class " + p[i] + " for image " + i + " of "
                        + images.name() + ", outside [0," + images.numClasses() + ") and not NONE");
            }
        }
        return p;
    }

    /** Columns {@code set, n, correct, accuracy}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("n", n);
        m.put("correct", correct);
        m.put("accuracy", value());
        return m;
    }
}
