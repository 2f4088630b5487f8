package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streamed writer gives the bytes of {@link ResultTable#toCsv} for the same cells. */
class CsvWriterTest {
    @Test
    void sameBytesAsTheInMemoryTableForAwkwardNumbersAndText() throws IOException {
        Random rng = new Random(12);
        List<Double> specials = List.of(
                0.0,
                -0.0,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                1e-3,
                9.999999999999999e-4,
                1e7,
                9999999.999999998,
                2e23,
                1.0E23,
                2.82879384806159E17,
                1.9400994884341945E25,
                0.1 + 0.2);
        List<String> cols = List.of("name", "x", "y", "p,q", "c");
        ResultTable.Builder b = ResultTable.builder(cols);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(bytes).header(cols);
        String constant = CsvWriter.render(List.of("a \"quoted\", text", 3));
        for (int i = 0; i < 30_000; i++) { // several 64 KiB flushes
            double x = i < specials.size() ? specials.get(i) : Double.longBitsToDouble(rng.nextLong());
            double y = rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
            String name = i % 3 == 0 ? "l1" : i % 3 == 1 ? "with,comma" : "line\nbreak";
            b.row(name, x, y, "a \"quoted\", text", 3);
            w.text(name).number(x).number(y).rendered(constant);
            w.endRow();
        }
        w.flush();
        assertEquals(30_000, w.rows());
        assertEquals(b.build().toCsv(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void renderQuotesAsTheTableDoes() {
        List<Object> values = new ArrayList<>(List.of("x,y", 0.5, "plain"));
        values.add(null);
        assertEquals("\"x,y\",0.5,plain,", CsvWriter.render(values));
    }
}
