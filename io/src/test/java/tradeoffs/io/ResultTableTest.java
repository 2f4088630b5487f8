package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {

    @Test
    void csvRoundTripKeepsDoublesBitForBit(@TempDir Path dir) {
        double[] xs = {0.1 + 0.2, Math.PI, -1e-300, 3.0, Double.MIN_VALUE, 1.0 / 3};
        ResultTable.Builder b = ResultTable.builder("name", "x");
        for (double x : xs) {
            b.row("a,\"b\"\nc", x);
        }
        ResultTable t = b.build();
        Path f = dir.resolve("t.csv");
        t.writeCsv(f);
        ResultTable back = ResultTable.readCsv(f);
        assertEquals(t, back);
        double[] ys = back.doubles("x");
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Double.doubleToLongBits(xs[i]), Double.doubleToLongBits(ys[i]));
        }
        assertEquals("a,\"b\"\nc", back.get(0, "name"));
    }

    @Test
    void nanIsEmptyCell() {
        ResultTable t = ResultTable.builder("x").row(Double.NaN).build();
        assertEquals("x\n\n", t.toCsv());
        assertEquals(1, ResultTable.parseCsv("x\n\"\"\n").size());
    }

    @Test
    void rejectsRaggedRowsAndUnknownColumns() {
        assertThrows(IllegalArgumentException.class, () -> ResultTable.parseCsv("a,b\n1\n"));
        ResultTable t = ResultTable.builder("a").row(1.0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.doubles("b"));
        assertEquals("no column 'b' in table [a]", e.getMessage());
    }

    @Test
    void filtersAndDistinct() {
        ResultTable t = ResultTable.builder("norm", "eps")
                .row("l2", 0.0)
                .row("linf", 0.1)
                .row("l2", 0.2)
                .build();
        assertEquals(List.of("l2", "linf"), t.distinct("norm"));
        assertEquals(2, t.where("norm", "l2").size());
    }

    @Test
    void atomicWriteLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        assertEquals(
                "rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertThrows(
                RuntimeException.class,
                () -> AtomicFiles.write(f, out -> {
                    out.write(1);
                    throw new java.io.IOException("boom");
                }));
        assertEquals("two", Files.readString(f));
        try (var s = Files.list(f.getParent())) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
