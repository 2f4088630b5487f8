package tradeoffs.deep.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.theory.ParameterException;

/**
 * What a model is evaluated on, whatever its source: the generated benchmark, the backgrounds
 * challenge's ImageNet-9 folders or Waterbirds. Each metric uses the part it needs: accuracy per
 * variant, BG-gap when mixed_same and mixed_rand are there, RFS on {@code masked}, group accuracy on
 * {@code groups}, robust accuracy on the original variant.
 *
 * @param dataset    {@code generated}, {@code imagenet9} or {@code waterbirds}
 * @param variants   the test variants present, at least {@link Variant#ORIGINAL}, in variant order
 * @param masked     original images with foreground masks (for RFS), or null when none have masks
 * @param groups     a split with a known background class for every image (for group accuracy), or null
 * @param classNames the K class names, in label order
 */
public record EvaluationData(
        String dataset, Map<Variant, ImageSet> variants, ImageSet masked, ImageSet groups, List<String> classNames) {

    public EvaluationData {
        if (variants == null || !variants.containsKey(Variant.ORIGINAL)) {
            throw new IllegalArgumentException(dataset + ": the original variant is required");
        }
        EnumMap<Variant, ImageSet> copy = new EnumMap<>(Variant.class);
        copy.putAll(variants);
        variants = Collections.unmodifiableMap(copy);
        classNames = List.copyOf(classNames);
        ImageSet first = copy.get(Variant.ORIGINAL);
        for (ImageSet s : copy.values()) {
            checkSameKind(first, s);
        }
        if (masked != null) {
            checkSameKind(first, masked);
            if (masked.foregroundMask() == null) {
                throw new IllegalArgumentException(masked.name() + " is meant for RFS but has no foreground masks");
            }
        }
        if (groups != null) {
            checkSameKind(first, groups);
            if (!groups.hasBackgroundClasses()) {
                throw new IllegalArgumentException(
                        groups.name() + " is meant for group accuracy but lacks background classes");
            }
        }
        if (classNames.size() != first.numClasses()) {
            throw new IllegalArgumentException(
                    dataset + ": " + classNames.size() + " class names for " + first.numClasses() + " classes");
        }
    }

    /**
     * The generated benchmark: {@code testSize} test images of every variant (the original ones with
     * their masks serve RFS) and the balanced group split of
     * {@link ShiftedBackgrounds#groupSplitSize(int)} images.
     */
    public static EvaluationData generated(ShiftedBackgrounds bench, int testSize) {
        Map<Variant, ImageSet> v = bench.testVariants(testSize);
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < bench.params().numClasses(); k++) {
            names.add("class" + k);
        }
        return new EvaluationData(
                "generated", v, v.get(Variant.ORIGINAL), bench.groups(bench.groupSplitSize(testSize)), names);
    }

    /** K, the number of classes. */
    public int numClasses() {
        return original().numClasses();
    }

    /** The original test images (robust accuracy is measured on them). */
    public ImageSet original() {
        return variants.get(Variant.ORIGINAL);
    }

    /** Image height (= width for every loader here). */
    public int imageSize() {
        return original().height();
    }

    /**
     * Fails unless a model with {@code modelClasses} classes can be scored on this data.
     *
     * @throws ParameterException ({@code data}) naming both counts
     */
    public void requireClasses(int modelClasses) {
        if (modelClasses != numClasses()) {
            throw new ParameterException(
                    "data",
                    "must have as many classes as the model (" + modelClasses + ")",
                    numClasses() + " classes in " + dataset + " " + original().name());
        }
    }

    private static void checkSameKind(ImageSet a, ImageSet b) {
        if (a.numClasses() != b.numClasses()
                || a.channels() != b.channels()
                || a.height() != b.height()
                || a.width() != b.width()) {
            throw new IllegalArgumentException(b.name() + " (" + b.numClasses() + " classes, " + b.channels() + "x"
                    + b.height() + "x" + b.width() + ") does not match " + a.name() + " (" + a.numClasses()
                    + " classes, " + a.channels() + "x" + a.height() + "x" + a.width() + ")");
        }
    }
}
