package tradeoffs.deep.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.benchmark.ImageSet;

/**
 * Waterbirds-style group accuracy (Sagawa et al. 2020) [paper]: images are grouped
 * by (class, background type); the average accuracy is over all images, the worst-group accuracy
 * is the minimum over non-empty groups. On the generator's broken-correlation split the groups
 * are balanced, so the average also equals the mean of the group accuracies.
 *
 * @param groups every non-empty group, ordered by class then background
 */
public record GroupAccuracy(List<Group> groups) {

    /** One group: images of class {@code label} on background type {@code background}. */
    public record Group(int label, int background, int n, int correct) {
        public double accuracy() {
            return (double) correct / n;
        }

        /** {@code y<label>_bg<background>}, the group's name in tables. */
        public String id() {
            return "y" + label + "_bg" + background;
        }
    }

    public GroupAccuracy {
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("group accuracy needs at least one image");
        }
    }

    /** Scores {@code predictor} on {@code images}, which need a known background class for every image. */
    public static GroupAccuracy evaluate(Predictor predictor, ImageSet images) {
        if (!images.hasBackgroundClasses()) {
            throw new IllegalArgumentException(
                    "group accuracy needs a background class for every image of " + images.name());
        }
        int[] pred = Accuracy.predict(predictor, images);
        int k = images.numClasses();
        int[][] n = new int[k][k];
        int[][] c = new int[k][k];
        for (int i = 0; i < images.size(); i++) {
            int y = images.labels()[i];
            int b = images.backgroundClass()[i];
            n[y][b]++;
            if (pred[i] == y) {
                c[y][b]++;
            }
        }
        List<Group> out = new ArrayList<>();
        for (int y = 0; y < k; y++) {
            for (int b = 0; b < k; b++) {
                if (n[y][b] > 0) {
                    out.add(new Group(y, b, n[y][b], c[y][b]));
                }
            }
        }
        return new GroupAccuracy(out);
    }

    /** Σ correct / Σ n over all images. */
    public double average() {
        long n = 0;
        long c = 0;
        for (Group g : groups) {
            n += g.n();
            c += g.correct();
        }
        return (double) c / n;
    }

    /** min over groups of the group's accuracy. */
    public double worst() {
        return worstGroup().accuracy();
    }

    /** The group with the lowest accuracy (the first such in class, background order). */
    public Group worstGroup() {
        Group w = groups.get(0);
        for (Group g : groups) {
            if (g.accuracy() < w.accuracy()) {
                w = g;
            }
        }
        return w;
    }

    /** Columns {@code avg_group_accuracy, worst_group_accuracy, worst_group, groups}. */
    public Map<String, Object> toRow() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("avg_group_accuracy", average());
        m.put("worst_group_accuracy", worst());
        m.put("worst_group", worstGroup().id());
        m.put("groups", groups.size());
        return m;
    }
}
