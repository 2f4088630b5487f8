package tradeoffs.deep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;

/**
 * The backgrounds challenge's ImageNet-9 variant folders (Xiao et al. 2020):
 * {@code <root>/<variant>/val/<class>/*.JPEG|jpg|png}, e.g. {@code bg_challenge/mixed_rand/val/03_carnivore/x.JPEG}.
 * Classes are the sorted folder names (so {@code 00_dog … 08_insect} map to 0 … 8). Images are
 * resized to the working size. No masks are read (the challenge ships them as NumPy files); the
 * background class is known for mixed_same (= label) and mixed_next (= label + 1 mod K), −1 otherwise.
 */
public final class ImageNet9 {
    private ImageNet9() {
    }

    /** The variant folders present under {@code root}, in {@link Variant} order, loaded. */
    public static Map<Variant, ImageSet> loadAll(Path root, int size, int perClass) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("ImageNet-9 folder " + root + " does not exist");
        }
        Map<Variant, ImageSet> out = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            if (Files.isDirectory(root.resolve(v.id()).resolve("val"))) {
                out.put(v, load(root, v, size, perClass));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("ImageNet-9 folder " + root
                    + " has no variant folders (expected e.g. " + root.resolve("original/val") + ")");
        }
        return out;
    }

    /** Variant {@code v}: at most {@code perClass} images per class (in file-name order), size×size. */
    public static ImageSet load(Path root, Variant v, int size, int perClass) {
        if (size < 1 || perClass < 1) {
            throw new IllegalArgumentException("size and images per class must be >= 1 (got " + size + ", " + perClass + ")");
        }
        Path dir = root.resolve(v.id()).resolve("val");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("ImageNet-9 variant folder " + dir + " does not exist");
        }
        List<Path> classes = list(dir, Files::isDirectory);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("ImageNet-9 variant folder " + dir + " must hold at least 2 class folders (has "
                    + classes.size() + ")");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> imgs = list(classes.get(c), p -> Files.isRegularFile(p) && ImageFiles.isImage(p));
            for (int j = 0; j < Math.min(perClass, imgs.size()); j++) {
                files.add(imgs.get(j));
                labels.add(c);
            }
        }
        int k = classes.size();
        int len = 3 * size * size;
        float[] pixels = new float[files.size() * len];
        IntStream.range(0, files.size()).parallel().forEach(i -> ImageFiles.readRgb(files.get(i), size, pixels, i * len));
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] bg = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            bg[i] = switch (v) {
                case MIXED_SAME -> y[i];
                case MIXED_NEXT -> (y[i] + 1) % k;
                default -> -1;
            };
        }
        return new ImageSet("in9/" + v.id(), 3, size, size, pixels, y, k, null, bg);
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
