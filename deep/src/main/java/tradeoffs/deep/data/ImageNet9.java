package tradeoffs.deep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;

/**
 * The backgrounds challenge's ImageNet-9 test folders (Xiao et al. 2020; the layout of
 * github.com/MadryLab/backgrounds_challenge): {@code <root>/<variant>/val/<class>/<image>} for the
 * variants original, only_fg, no_fg, only_bg_b, only_bg_t, mixed_same, mixed_rand and mixed_next,
 * class folders {@code 00_dog, 01_bird, 02_wheeled vehicle, 03_reptile, 04_carnivore, 05_insect,
 * 06_musical instrument, 07_primate, 08_fish}; labels are the sorted class folder names' positions
 * (as torchvision's ImageFolder assigns them). Foreground masks, where shipped, are NumPy files
 * {@code <root>/fg_mask/val/<class>/<stem>.npy}, one per original image {@code
 * <root>/original/val/<class>/<stem>.JPEG}: a 2-D array (height × width of the original image), 1 on
 * the object. Images are resized bilinearly to the working size, masks likewise (values in [0,1]).
 * The background class is known only for mixed_same (= label) and mixed_next (= label + 1 mod K).
 */
public final class ImageNet9 {
    /** The folder of the foreground masks under the root. */
    public static final String MASK_FOLDER = "fg_mask";

    private ImageNet9() {}

    /**
     * Every variant folder present under {@code root}, at most {@code perClass} images per class (in
     * file-name order), size×size; the original images' masks from {@code fg_mask} where present.
     */
    public static EvaluationData load(Path root, int size, int perClass) {
        Map<Variant, ImageSet> sets = loadAll(root, size, perClass);
        List<String> classes =
                names(classFolders(root.resolve(Variant.ORIGINAL.id()).resolve("val")));
        ImageSet original = sets.get(Variant.ORIGINAL);
        ImageSet masked = withMasks(root, original, classes, originalFiles(root, classes, perClass), size);
        if (masked != null && masked.size() == original.size()) {
            sets.put(Variant.ORIGINAL, masked);
        }
        return new EvaluationData("imagenet9", sets, masked, null, classes);
    }

    /**
     * The variant folders present under {@code root}, in {@link Variant} order, loaded. The original
     * variant is required, and every variant must have the same class folders.
     */
    public static Map<Variant, ImageSet> loadAll(Path root, int size, int perClass) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("ImageNet-9 folder " + root + " does not exist");
        }
        Path originalDir = root.resolve(Variant.ORIGINAL.id()).resolve("val");
        if (!Files.isDirectory(originalDir)) {
            throw new IllegalArgumentException("ImageNet-9 folder " + root + " has no " + originalDir
                    + " (expected <root>/<variant>/val/<class>/ as in the backgrounds challenge)");
        }
        List<String> classes = names(classFolders(originalDir));
        Map<Variant, ImageSet> out = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            Path dir = root.resolve(v.id()).resolve("val");
            if (Files.isDirectory(dir)) {
                List<String> here = names(classFolders(dir));
                if (!here.equals(classes)) {
                    throw new IllegalArgumentException("ImageNet-9 variant folder " + dir + " has class folders " + here
                            + " but " + originalDir + " has " + classes);
                }
                out.put(v, load(root, v, size, perClass));
            }
        }
        return out;
    }

    /** Variant {@code v}: at most {@code perClass} images per class (in file-name order), size×size. */
    public static ImageSet load(Path root, Variant v, int size, int perClass) {
        if (size < 1 || perClass < 1) {
            throw new IllegalArgumentException(
                    "size and images per class must be >= 1 (got " + size + ", " + perClass + ")");
        }
        Path dir = root.resolve(v.id()).resolve("val");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("ImageNet-9 variant folder " + dir + " does not exist");
        }
        List<Path> classes = classFolders(dir);
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<Path> imgs = images(classes.get(c));
            for (int j = 0; j < Math.min(perClass, imgs.size()); j++) {
                files.add(imgs.get(j));
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "ImageNet-9 variant folder " + dir + " holds no images (.JPEG, .jpg, .png)");
        }
        int k = classes.size();
        int len = 3 * size * size;
        float[] pixels = new float[files.size() * len];
        IntStream.range(0, files.size())
                .parallel()
                .forEach(i -> ImageFiles.readRgb(files.get(i), size, pixels, i * len));
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

    /** The original images' files, as {@link #load(Path, Variant, int, int)} takes them. */
    private static List<Path> originalFiles(Path root, List<String> classes, int perClass) {
        List<Path> files = new ArrayList<>();
        for (String c : classes) {
            List<Path> imgs =
                    images(root.resolve(Variant.ORIGINAL.id()).resolve("val").resolve(c));
            files.addAll(imgs.subList(0, Math.min(perClass, imgs.size())));
        }
        return files;
    }

    /**
     * The original images that have a mask file, with their masks; null when {@code fg_mask/val}
     * does not exist or no image has a mask.
     */
    private static ImageSet withMasks(Path root, ImageSet original, List<String> classes, List<Path> files, int size) {
        Path maskRoot = root.resolve(MASK_FOLDER).resolve("val");
        if (!Files.isDirectory(maskRoot)) {
            return null;
        }
        List<Integer> keep = new ArrayList<>();
        List<Path> maskFiles = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String name = f.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            Path m = maskRoot.resolve(classes.get(original.labels()[i])).resolve(stem + ".npy");
            if (Files.isRegularFile(m)) {
                keep.add(i);
                maskFiles.add(m);
            }
        }
        if (keep.isEmpty()) {
            return null;
        }
        int[] idx = keep.stream().mapToInt(Integer::intValue).toArray();
        ImageSet sub = original.subset(idx);
        float[] masks = new float[idx.length * size * size];
        IntStream.range(0, idx.length).parallel().forEach(j -> {
            NpyFile npy = NpyFile.read(maskFiles.get(j));
            int[] shape = npy.shape();
            if (!(shape.length == 2 || (shape.length == 3 && shape[2] == 1)) || shape[0] < 1 || shape[1] < 1) {
                throw new IllegalArgumentException("mask file " + maskFiles.get(j) + " must hold a 2-D array "
                        + "(height × width), has shape " + java.util.Arrays.toString(shape));
            }
            for (double v : npy.values()) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException(
                            "mask file " + maskFiles.get(j) + " has a value outside [0,1]: " + v);
                }
            }
            ImageFiles.resizeBilinear(npy.values(), shape[0], shape[1], size, masks, j * size * size);
        });
        String name = idx.length == original.size() ? original.name() : original.name() + "+fg_mask";
        return new ImageSet(
                name, 3, size, size, sub.pixels(), sub.labels(), sub.numClasses(), masks, sub.backgroundClass());
    }

    private static List<Path> classFolders(Path dir) {
        List<Path> classes = list(dir, Files::isDirectory);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("ImageNet-9 variant folder " + dir
                    + " must hold at least 2 class folders (has " + classes.size() + ")");
        }
        return classes;
    }

    private static List<Path> images(Path classDir) {
        return list(classDir, p -> Files.isRegularFile(p) && ImageFiles.isImage(p));
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<Path> list(Path dir, Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
