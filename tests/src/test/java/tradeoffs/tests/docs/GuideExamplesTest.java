package tradeoffs.tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tradeoffs.cli.Main;

/**
 * Runs every worked example of docs/guide.md and compares its standard output with the block in
 * the guide. A {@code console} block is "$ tradeoffs ARGS" then the expected output; a line
 * {@code ...} matches any number of lines; numbers match to 1e-6 relative: the finite-sample solves
 * behind {@code simulate} are certified to a relative tolerance of about 1e-9, so their last digits
 * move when the solver improves, while a real change of behaviour moves far more. Numbers below
 * 1e-6 in size on both sides (duality gaps, KKT residuals, round-off) are the solver's certificates
 * and only need to stay below 1e-6. A block opened as {@code ```yaml file=NAME} (or json) is written
 * to the examples' working folder first. Relative paths in commands (files of such blocks, and
 * {@code results...}) point into a temporary folder, and that folder is written back as the
 * relative path in the output.
 */
class GuideExamplesTest {
    static final Path GUIDE = Path.of("..", "docs", "guide.md");
    private static final Pattern FENCE = Pattern.compile("^```(\\w+)(?:\\s+file=(\\S+))?\\s*$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");

    @TempDir
    Path work;

    record Example(int line, List<String> args, List<String> expected) {}

    @Test
    void everyWorkedExamplePrintsWhatTheGuideShows() throws Exception {
        List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
        Set<String> files = new HashSet<>();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FENCE.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (!lines.get(end).startsWith("```")) {
                end++;
            }
            List<String> body = lines.subList(start, end);
            if (m.group(2) != null) {
                Files.createDirectories(work.resolve(m.group(2)).getParent());
                Files.writeString(work.resolve(m.group(2)), String.join("\n", body) + "\n");
                files.add(m.group(2));
            } else if (m.group(1).equals("console")) {
                assertTrue(
                        body.get(0).startsWith("$ tradeoffs "),
                        "guide line " + start + ": a console block starts with $ tradeoffs");
                // a command may continue over lines ending in a backslash
                StringBuilder cmd = new StringBuilder(body.get(0).substring("$ tradeoffs ".length()));
                int k = 1;
                while (cmd.toString().endsWith("\\")) {
                    cmd.setLength(cmd.length() - 1);
                    cmd.append(' ').append(body.get(k++).trim());
                }
                examples.add(new Example(
                        start,
                        List.of(cmd.toString().trim().split("\\s+")),
                        List.copyOf(body.subList(k, body.size()))));
            }
            i = end;
        }
        Set<String> commands = new HashSet<>();
        for (Example ex : examples) {
            commands.add(ex.args().get(0));
            List<String> args = new ArrayList<>();
            for (String a : ex.args()) {
                args.add(rebase(a, files));
            }
            String out = run("tradeoffs " + String.join(" ", args), args)
                    .replace(work.toString() + "/", "")
                    .replace(work.toString(), ".");
            assertMatches(ex, List.of(out.split("\n", -1)).subList(0, (int)
                    out.lines().count()));
        }
        assertTrue(
                commands.containsAll(List.of("theory", "simulate", "sweep", "reproduce")),
                "the guide must have worked examples of theory, simulate, sweep and reproduce; it has " + commands);
    }

    private String rebase(String arg, Set<String> files) {
        String first = arg.split("/", 2)[0];
        if (files.contains(arg) || first.equals("results") || first.startsWith("results-")) {
            return work.resolve(arg).toString();
        }
        return arg;
    }

    /**
     * Runs {@code tradeoffs ARGS} in this JVM, as the launcher does, and returns what it printed on
     * standard output; a non-zero exit fails the test with {@code what} and the command's errors.
     */
    static String run(String what, List<String> args) {
        StringWriter sw = new StringWriter();
        ByteArrayOutputStream sysout = new ByteArrayOutputStream();
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(sysout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(sw, true));
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(args.toArray(String[]::new));
            assertEquals(0, code, what + " failed: " + err);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return sysout.toString(StandardCharsets.UTF_8) + sw;
    }

    /** Expected lines against actual ones; "..." skips any number of actual lines. */
    static void assertMatches(Example ex, List<String> actual) {
        int a = 0;
        List<String> exp = ex.expected();
        for (int e = 0; e < exp.size(); e++) {
            String want = exp.get(e);
            if (want.equals("...")) {
                if (e == exp.size() - 1) {
                    return;
                }
                String next = exp.get(e + 1);
                while (a < actual.size() && !same(next, actual.get(a))) {
                    a++;
                }
                continue;
            }
            assertTrue(
                    a < actual.size(),
                    "guide line " + ex.line() + " (tradeoffs " + String.join(" ", ex.args())
                            + "): output ended before expected line: " + want + "\nactual:\n"
                            + String.join("\n", actual));
            assertTrue(
                    same(want, actual.get(a)),
                    "guide line " + ex.line() + " (tradeoffs " + String.join(" ", ex.args())
                            + "):\n expected: " + want + "\n   actual: " + actual.get(a) + "\nfull output:\n"
                            + String.join("\n", actual));
            a++;
        }
        assertEquals(
                actual.size(),
                a,
                "guide line " + ex.line() + ": extra output lines:\n"
                        + String.join("\n", actual.subList(a, actual.size())));
    }

    /** Equal text with numbers equal to 1e-6 relative, or both below 1e-6 in size. */
    static boolean same(String want, String got) {
        if (want.equals(got)) {
            return true;
        }
        Matcher mw = NUMBER.matcher(want);
        Matcher mg = NUMBER.matcher(got);
        String textW = NUMBER.matcher(want).replaceAll("#");
        String textG = NUMBER.matcher(got).replaceAll("#");
        if (!textW.equals(textG)) {
            return false;
        }
        while (mw.find() && mg.find()) {
            double x = Double.parseDouble(mw.group());
            double y = Double.parseDouble(mg.group());
            boolean tiny = Math.abs(x) < 1e-6 && Math.abs(y) < 1e-6;
            if (!tiny && Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void numberToleranceIsTightButForgivesTheLastDigits() {
        assertTrue(same("l2,0.5,-0.6453134666159738", "l2,0.5,-0.6453134548810051"));
        assertFalse(same("l2,0.5,0.1234", "l2,0.5,0.1235"));
        assertFalse(same("l2,0.5", "l1,0.5"));
        assertTrue(same("gap,1.303000183031263E-9", "gap,8.376441498127069E-10"));
        assertFalse(same("gap,1.3E-9", "gap,2.0E-6"));
        assertFalse(same("w,0.0", "w,1.0E-3"));
    }
}
