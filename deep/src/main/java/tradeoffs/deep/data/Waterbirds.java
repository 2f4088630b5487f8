package tradeoffs.deep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import tradeoffs.deep.benchmark.ImageSet;
import tradeoffs.io.ResultTable;

/**
 * Waterbirds (Sagawa et al. 2020): {@code <root>/metadata.csv} with columns {@code img_filename}
 * (relative to root), {@code y} (0 landbird, 1 waterbird), {@code split} (0 train, 1 val, 2 test)
 * and {@code place} (0 land, 1 water background). Loaded as a 2-class set whose background class
 * is the place, so the groups are (y, place); no masks.
 */
public final class Waterbirds {
    private Waterbirds() {
    }

    /** The images of {@code split} (train, val or test), at most {@code limit}, resized to size×size. */
    public static ImageSet load(Path root, String split, int size, int limit) {
        int code = switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> 0;
            case "val" -> 1;
            case "test" -> 2;
            default -> throw new IllegalArgumentException("Waterbirds split must be train, val or test (got '" + split + "')");
        };
        Path meta = root.resolve("metadata.csv");
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("Waterbirds metadata " + meta + " does not exist");
        }
        ResultTable t = ResultTable.readCsv(meta);
        for (String col : new String[] {"img_filename", "y", "split", "place"}) {
            if (!t.hasColumn(col)) {
                throw new IllegalArgumentException("Waterbirds metadata " + meta + " has no column '" + col
                        + "' (columns: " + t.columns() + ")");
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
            files.add(root.resolve(t.get(r, "img_filename")));
            yb.add(new int[] {y, place});
        }
        int len = 3 * size * size;
        float[] pixels = new float[files.size() * len];
        IntStream.range(0, files.size()).parallel().forEach(i -> ImageFiles.readRgb(files.get(i), size, pixels, i * len));
        int[] labels = yb.stream().mapToInt(a -> a[0]).toArray();
        int[] places = yb.stream().mapToInt(a -> a[1]).toArray();
        return new ImageSet("waterbirds/" + split, 3, size, size, pixels, labels, 2, null, places);
    }

    private static int integer(ResultTable t, int r, String col, Path meta) {
        String s = t.get(r, col).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Waterbirds metadata " + meta + " row " + (r + 2) + ": column '"
                    + col + "' is not an integer ('" + s + "')", e);
        }
    }
}
