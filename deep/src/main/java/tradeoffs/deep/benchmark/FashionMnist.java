package tradeoffs.deep.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fashion-MNIST foregrounds (Xiao, Rasul and Vollgraf 2017) from the IDX files of the training
 * set: {@code train-images-idx3-ubyte[.gz]} and {@code train-labels-idx1-ubyte[.gz]} in one
 * folder (as the Debian package dataset-fashion-mnist installs them under
 * /usr/share/datasets/fashion-mnist). Also reads MNIST's IDX files, which have the same names.
 */
public final class FashionMnist {
    /** Where the Debian package installs the files. */
    public static final Path DEBIAN_PATH = Path.of("/usr/share/datasets/fashion-mnist");
    /** Default number of images kept per class. */
    public static final int DEFAULT_PER_CLASS = 1000;

    private FashionMnist() {}

    /**
     * The first {@code perClass} training images of each class as foregrounds with masks
     * (intensity &gt; {@code threshold}).
     */
    public static BitmapForegrounds foregrounds(Path dir, int perClass, double threshold) {
        Path images = find(dir, "train-images-idx3-ubyte");
        Path labels = find(dir, "train-labels-idx1-ubyte");
        IdxFile img = IdxFile.read(images);
        IdxFile lab = IdxFile.read(labels);
        if (img.dims().length != 3) {
            throw new IllegalArgumentException(
                    "IDX file " + images + " must have 3 dimensions (n, rows, cols), has " + img.dims().length);
        }
        if (lab.dims().length != 1 || lab.count() != img.count()) {
            throw new IllegalArgumentException("IDX file " + labels + " must hold one label per image of " + images
                    + " (" + img.count() + "), has dimensions " + java.util.Arrays.toString(lab.dims()));
        }
        int rows = img.dims()[1];
        int cols = img.dims()[2];
        if (rows != cols || rows == 0) {
            throw new IllegalArgumentException(
                    "IDX file " + images + " must hold square images, has " + rows + "x" + cols);
        }
        int len = rows * cols;
        int[] perLabel = new int[256];
        List<float[]> kept = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        for (int i = 0; i < img.count(); i++) {
            int y = lab.data()[i] & 0xff;
            if (perLabel[y] >= perClass) {
                continue;
            }
            perLabel[y]++;
            float[] f = new float[len];
            for (int p = 0; p < len; p++) {
                f[p] = (img.data()[i * len + p] & 0xff) / 255f;
            }
            kept.add(f);
            keptLabels.add(y);
        }
        return new BitmapForegrounds(
                "Fashion-MNIST " + dir,
                rows,
                kept,
                keptLabels.stream().mapToInt(Integer::intValue).toArray(),
                threshold);
    }

    /** The file {@code base} or {@code base.gz} in {@code dir} (also accepts a dot for the dash, as some mirrors name it). */
    static Path find(Path dir, String base) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "data folder " + dir + (Files.exists(dir) ? " is not a folder" : " does not exist"));
        }
        String alt = base.replace("-idx", ".idx");
        for (String name : new String[] {base, base + ".gz", alt, alt + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(base))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "data folder " + dir + " has no " + base + " (or " + base + ".gz)"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list data folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
