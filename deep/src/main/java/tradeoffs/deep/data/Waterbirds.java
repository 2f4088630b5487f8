package tradeoffs.deep.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.deep.benchmark.Variant;
import tradeoffs.io.ResultTable;

/**
 * Waterbirds (Sagawa et al. 2020): {@code <root>/metadata.csv} with columns {@code img_filename}
 * (relative to root), {@code y} (0 landbird, 1 waterbird), {@code split} (0 train, 1 val, 2 test)
 * and {@code place} (0 land, 1 water background); other columns (img_id, place_filename) are
 * ignored, and a UTF-8 byte-order mark before the header is tolerated. Loaded as a 2-class set
 * whose background class is the place, so the groups are (y, place); no masks.
 */
public final class Waterbirds {
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("landbird", "waterbird");

    private Waterbirds() {}

    /**
     * The test split (at most {@code limit} images, in metadata order, size×size) as evaluation
     * data: the original variant and the group split are both the test images, groups = (y, place).
     */
    public static EvaluationData load(Path root, int size, int limit) {
        ImageSet test = load(root, "test", size, limit);
        return new EvaluationData("waterbirds", Map.of(Variant.ORIGINAL, test), null, test, CLASSES);
    }

    /** The images of {@code split} (train, val or test), at most {@code limit}, resized to size×size. */
    public static ImageSet load(Path root, String split, int size, int limit) {
        int code = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> 0;
            case "val" -> 1;
            case "test" -> 2;
            default ->
                throw new IllegalArgumentException("Waterbirds split must be train, val or test (got '" + split + "')");
        };
        Path meta = root.resolve("metadata.csv");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("Waterbirds metadata " + meta + " does not exist");
        }
        ResultTable t = readMetadata(meta);
        for (String col : new String[] {"img_filename", "y", "split", "place"}) {
            if (!t.hasColumn(col)) {
                throw new IllegalArgumentException(
                        "Waterbirds metadata " + meta + " has no column '" + col + "' (columns: " + t.columns() + ")");
            }
        }
        List<Path> files = new ArrayList<>();
        List<int[]> yb = new ArrayList<>();
        for (int r = 0; r < t.size() && files.size() < limit; r++) {
            int s = integer(t, r, "split", meta);
            if (s != code) {
                continue;
            }
            int y = integer(t, r, "y", meta);
            int place = integer(t, r, "place", meta);
            if (y < 0 || y > 1 || place < 0 || place > 1) {
                throw new IllegalArgumentException("Waterbirds metadata " + meta + " row " + (r + 2)
                        + ": y and place must be 0 or 1 (got y=" + y + ", place=" + place + ")");
            }
            files.add(root.resolve(t.get(r, "img_filename").trim()));
            yb.add(new int[] {y, place});
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "Waterbirds metadata " + meta + " lists no " + split + " images (split = " + code + ")");
        }
        int len = 3 * size * size;
        float[] pixels = new float[files.size() * len];
        IntStream.range(0, files.size())
                .parallel()
                .forEach(i -> ImageFiles.readRgb(files.get(i), size, pixels, i * len));
        int[] labels = yb.stream().mapToInt(a -> a[0]).toArray();
        int[] places = yb.stream().mapToInt(a -> a[1]).toArray();
        return new ImageSet("waterbirds/" + split, 3, size, size, pixels, labels, 2, null, places);
    }

    /** The metadata table; a leading byte-order mark (as some spreadsheet exports write) is dropped. */
    private static ResultTable readMetadata(Path meta) {
        String text;
        try {
            text = Files.readString(meta, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Waterbirds metadata " + meta + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return ResultTable.parseCsv(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Waterbirds metadata " + meta + " is not a valid CSV table: " + e.getMessage(), e);
        }
    }

    private static int integer(ResultTable t, int r, String col, Path meta) {
        String s = t.get(r, col).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Waterbirds metadata " + meta + " row " + (r + 2) + ": column '" + col + "' is not an integer ('"
                            + s + "')",
                    e);
        }
    }
}
