package tradeoffs.simulation.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tradeoffs.theory.sample.Sample;

/**
 * A folder of cvxpy reference fixtures on the test class path (made by the script beside them):
 * CSV files with a header row, {@code sample_k.csv} holding x_1, …, x_d, y per row.
 */
final class ReferenceFixture {
    private final String dir;

    /** The fixtures under {@code dir} (a class-path folder such as "/reference/finite-sample/"). */
    ReferenceFixture(String dir) {
        this.dir = dir;
    }

    /** The sample of {@code sample_k.csv}: every column but the last is x, the last is y. */
    Sample sample(int k) throws IOException {
        List<String[]> rows = rows("sample_" + k + ".csv");
        int d = rows.get(0).length - 1;
        int n = rows.size();
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = Double.parseDouble(rows.get(i)[j]);
            }
            y[i] = Double.parseDouble(rows.get(i)[d]);
        }
        return new Sample(n, d, x, y);
    }

    /** The data rows of a fixture CSV (header skipped, blank lines ignored). */
    List<String[]> rows(String name) throws IOException {
        try (InputStream in = ReferenceFixture.class.getResourceAsStream(dir + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + dir + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        }
    }
}
