package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes a progress writes, and what they leave on a terminal: {@link #screen} replays
 * the bytes as a terminal does ({@code \r} back to column 0, {@code \n} a new line, any other
 * character overwrites the cell under the cursor), so stray text left by a shorter redraw shows up
 * as characters after the expected line. The clock is fake (one step per second), so rates and
 * times left are exact.
 */
class ProgressTest {
    private final StringWriter buf = new StringWriter();
    private final AtomicLong clock = new AtomicLong();

    private Progress.Output output(Progress.Mode mode) {
        return Progress.Output.of(mode, buf, clock::get);
    }

    private void seconds(double s) {
        clock.addAndGet((long) (s * 1e9));
    }

    /** The blanks that cover what {@code longer} leaves beyond {@code shorter}. */
    static String blanks(String longer, String shorter) {
        return " ".repeat(Math.max(0, longer.length() - shorter.length()));
    }

    /** The lines a terminal shows after receiving {@code bytes}, trailing blanks kept. */
    static List<String> screen(String bytes) {
        List<StringBuilder> lines = new ArrayList<>();
        lines.add(new StringBuilder());
        int col = 0;
        for (char c : bytes.toCharArray()) {
            StringBuilder line = lines.get(lines.size() - 1);
            if (c == '\r') {
                col = 0;
            } else if (c == '\n') {
                lines.add(new StringBuilder());
                col = 0;
            } else {
                if (col < line.length()) {
                    line.setCharAt(col, c);
                } else {
                    line.append(c);
                }
                col++;
            }
        }
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(l.toString()));
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    @Test
    void finishedBarIsOneCleanLineEvenWhenItsLastRedrawIsShorter() {
        // reproduce's bug: "... 100% 5/5   s left": the final line is shorter than the one with
        // "~1s left" before it, and only 3 blanks were written after it.
        Progress p = output(Progress.Mode.BAR).start("theory", 5);
        for (int i = 0; i < 5; i++) {
            seconds(1);
            p.step();
        }
        p.close(); // already ended at 5/5: writes nothing more
        String l0 = "theory [....................]   0% 0/5";
        String l1 = "theory [####................]  20% 1/5, 1.00/s, ~4s left";
        String l2 = "theory [########............]  40% 2/5, 1.00/s, ~3s left";
        String l3 = "theory [############........]  60% 3/5, 1.00/s, ~2s left";
        String l4 = "theory [################....]  80% 4/5, 1.00/s, ~1s left";
        String end = "theory [####################] 100% 5/5 in 5.0s, 1.00/s";
        assertEquals(2, l4.length() - end.length());
        assertEquals("\r" + l0 + "\r" + l1 + "\r" + l2 + "\r" + l3 + "\r" + l4 + "\r" + end + "  \n", buf.toString());
        assertEquals(List.of(end + "  "), screen(buf.toString()));
    }

    @Test
    void interruptedBarEndsItsLineSayingWhereItStopped() {
        Progress p = output(Progress.Mode.BAR).start("train", 4000, "img");
        seconds(2);
        p.advance(1000);
        seconds(0.5);
        p.close();
        String run = "train [#####...............]  25% 1000/4000 img, 500 img/s, ~6s left";
        String stop = "train [#####...............]  25% 1000/4000 img, stopped after 2.5s";
        assertEquals(
                "\rtrain [....................]   0% 0/4000 img\r" + run + "\r" + stop + blanks(run, stop) + "\n",
                buf.toString());
        assertEquals(List.of(stop + blanks(run, stop)), screen(buf.toString()));
    }

    @Test
    void ctrlCEchoIsCoveredWhenTheExitHookEndsTheBar() {
        Progress.Output out = output(Progress.Mode.BAR);
        Progress p = out.start("sweep", 10, "points");
        seconds(30);
        p.advance(3);
        buf.write("^C"); // the terminal echoes Ctrl-C after the bar
        out.interrupt();
        List<String> s = screen(buf.toString());
        assertEquals(1, s.size(), s.toString());
        assertEquals(
                "sweep [######..............]  30% 3/10 points, stopped after 30.0s",
                s.get(0).stripTrailing());
        assertFalse(s.get(0).contains("^C"), s.get(0));
        p.close(); // nothing more after the hook ended it
        assertEquals(1, screen(buf.toString()).size());
    }

    @Test
    void messageLinesGoAboveTheBarWhichIsRedrawnBelow() {
        Progress.Output out = output(Progress.Mode.BAR);
        Progress p = out.start("train", 100, "img");
        seconds(1);
        p.advance(50);
        out.line("epoch 1/2: loss 0.5");
        seconds(1);
        p.advance(50);
        String half = "train [##########..........]  50% 50/100 img, 50.0 img/s, ~1s left";
        String msg = "epoch 1/2: loss 0.5";
        String end = "train [####################] 100% 100/100 img in 2.0s, 50.0 img/s";
        assertEquals(
                "\rtrain [....................]   0% 0/100 img\r" + half + "\r" + msg + blanks(half, msg) + "\n\r"
                        + half + "\r" + end + blanks(half, end) + "\n",
                buf.toString());
        assertEquals(List.of(msg + blanks(half, msg), end + blanks(half, end)), screen(buf.toString()));
    }

    @Test
    void barRedrawsAtMostTenTimesASecond() {
        Progress p = output(Progress.Mode.BAR).start("eval", 1000);
        for (int i = 0; i < 999; i++) {
            seconds(0.001);
            p.step();
        }
        // 999 steps in 0.999 s: the first draw, then one redraw per 100 ms (9 of them)
        assertEquals(1 + 9, buf.toString().chars().filter(c -> c == '\r').count(), buf.toString());
        p.step();
        assertTrue(buf.toString().endsWith("\n"));
    }

    @Test
    void plainLinesEveryTenthOrTenSecondsNotEveryStep() {
        Progress p = output(Progress.Mode.PLAIN).start("theory", 100);
        for (int i = 0; i < 100; i++) {
            seconds(0.001); // fast steps: only the 10% rule prints
            p.step();
        }
        p.close();
        String[] lines = buf.toString().split("\n");
        assertEquals(10, lines.length, buf.toString()); // 10%, ..., 90%, then the final line
        assertEquals("theory: 10/100 (10%), 0.0s, 1000/s, ~1s left", lines[0]);
        assertEquals("theory: 100/100 (100%) in 0.1s, 1000/s", lines[9]);
        assertFalse(buf.toString().contains("\r"));
    }

    @Test
    void plainLinesAlsoEveryTenSecondsOfSlowSteps() {
        Progress p = output(Progress.Mode.PLAIN).start("deep", 1000, "img");
        seconds(4);
        p.step(); // 0.1% after 4 s: nothing yet
        assertEquals("", buf.toString());
        seconds(6);
        p.step(); // 10 s since the start: a line
        assertEquals("deep: 2/1000 img (0%), 10.0s, 5.0s/img, ~1h23m left\n", buf.toString());
        seconds(1);
        p.close();
        assertTrue(buf.toString().endsWith("deep: 2/1000 img (0%), stopped after 11.0s\n"), buf.toString());
    }

    @Test
    void listenerGivesEachTaskItsOwnBarAndEndsIt() {
        Progress.Output out = output(Progress.Mode.BAR);
        ProgressListener l = out.listener("img").prefixed("l2: ");
        for (int d = 0; d <= 64; d += 32) {
            l.progress("training", d, 64);
            seconds(1);
        }
        l.progress("robust accuracy", 0, 10);
        seconds(1);
        l.progress("robust accuracy", 10, 10);
        List<String> s = screen(buf.toString());
        assertEquals(
                List.of(
                        "l2: training [####################] 100% 64/64 img in 2.0s, 32.0 img/s",
                        "l2: robust accuracy [####################] 100% 10/10 img in 1.0s, 10.0 img/s"),
                s.stream().map(String::stripTrailing).toList());
    }

    @Test
    void quietShowsNothingAndLongLabelsFitEightyColumns() {
        Progress.Output none = output(Progress.Mode.NONE);
        Progress q = none.start("x", 3);
        q.advance(3);
        none.line("hello");
        q.close();
        assertEquals("", buf.toString());
        assertEquals(3, q.done());

        Progress p =
                output(Progress.Mode.BAR).start("bg<fg linf-0.0314 replicate 2: robust accuracy linf", 12345, "img");
        seconds(1);
        p.advance(1234);
        for (String line : screen(buf.toString())) {
            assertTrue(line.length() <= Progress.MAX_WIDTH, line.length() + ": " + line);
            assertTrue(line.startsWith("bg<fg") && line.contains(".. ["), line);
        }
    }

    @Test
    void durationsAndRejectedTotals() {
        assertEquals("6.3s", Progress.duration(6.3));
        assertEquals("3m05s", Progress.duration(185));
        assertEquals("1h02m", Progress.duration(3725));
        assertEquals("4s", Progress.eta(3.2));
        assertEquals("1m00s", Progress.eta(59.5));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> output(Progress.Mode.PLAIN).start("x", -1));
        assertEquals("total must be >= 0 (got -1)", e.getMessage());
    }
}
