package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void plainModePrintsOneLinePerTenthAndAFinalLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        try (Progress p = Progress.plain(new PrintStream(buf, true, StandardCharsets.UTF_8), "theory", 100, clock::get)) {
            for (int i = 0; i < 100; i++) {
                clock.addAndGet(1_000_000L); // 1 ms a step: never the 30 s rule
                p.step();
            }
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(10, lines.length, String.join("\n", lines)); // 10%, 20%, ..., 100%; close adds nothing new
        assertEquals("theory: 10/100 (10%) 0.0s", lines[0]);
        assertTrue(lines[9].startsWith("theory: 100/100 (100%)"));
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void plainModeAlsoPrintsWhenSlow() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        Progress p = Progress.plain(new PrintStream(buf, true, StandardCharsets.UTF_8), "sim", 1000, clock::get);
        clock.addAndGet(31_000_000_000L);
        p.step(); // 0.1%: only the 30-second rule prints it
        assertEquals("sim: 1/1000 (0%) 31.0s\n", buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void barModeRedrawsOneLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Progress p = Progress.bar(new PrintStream(buf, true, StandardCharsets.UTF_8), "deep", 4)) {
            p.advance(4);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\rdeep [############################] 100% 4/4"), s);
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
    }

    @Test
    void barShowsHalfwayAndRejectsNegativeTotal() {
        Progress p = Progress.bar(new PrintStream(new ByteArrayOutputStream()), "x", 10);
        String line = p.barLine(5, System.nanoTime());
        assertTrue(line.contains("[##############..............]  50% 5/10"), line);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Progress.plain(System.out, "x", -1));
        assertEquals("total must be >= 0 (got -1)", e.getMessage());
    }
}
