package tradeoffs.tests.docs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README and the docs name their config files in {@code examples/}, and the commands they show
 * work as written. A command line is a line of a doc whose text (after an optional {@code $ }) starts
 * with {@code ./tradeoffs } or {@code tradeoffs } (a trailing {@code # comment} and {@code \}
 * continuations handled). Checked: every file such a command passes to {@code --config} or
 * {@code --model-file} is in {@code examples/}; every file in {@code examples/} is used by some
 * command; every command that uses one and has no shell variables or quotes runs with exit 0
 * (relative {@code --out} folders placed in a temporary folder) and writes its output; a doc block
 * {@code ```yaml file=examples/X} is the file's exact text.
 */
class ExamplesTest {
    static final Path ROOT = Path.of("..");
    private static final Pattern COMMAND = Pattern.compile("^\\s*(?:\\$ )?(?:\\./)?tradeoffs (.*)$");
    private static final Pattern FENCE = Pattern.compile("^```\\w+\\s+file=(examples/\\S+)\\s*$");

    /** {@code --config} of any command, {@code --model-file} of {@code theory} (deep's is a user's network). */
    static boolean takesAConfig(Command c, String flag) {
        return flag.equals("--config")
                || (flag.equals("--model-file") && c.args().get(0).equals("theory"));
    }

    @TempDir
    Path work;

    record Command(String doc, int line, List<String> args) {
        boolean runnable() {
            return args.stream().noneMatch(a -> a.contains("$") || a.contains("\"") || a.contains("'"));
        }

        List<String> examples() {
            return args.stream().filter(a -> a.startsWith("examples/")).toList();
        }

        @Override
        public String toString() {
            return doc + ":" + line + ": tradeoffs " + String.join(" ", args);
        }
    }

    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The files in {@code examples/}, as the docs name them. */
    static Set<String> shipped() throws IOException {
        Set<String> shipped = new TreeSet<>();
        try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
            s.forEach(p -> shipped.add("examples/" + p.getFileName()));
        }
        return shipped;
    }

    static List<Command> commands() throws IOException {
        List<Command> out = new ArrayList<>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = COMMAND.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                StringBuilder cmd = new StringBuilder(m.group(1).trim());
                int start = i;
                while (cmd.toString().endsWith("\\") && i + 1 < lines.size()) {
                    cmd.setLength(cmd.length() - 1);
                    cmd.append(' ').append(lines.get(++i).trim());
                }
                String text = cmd.toString().replaceAll("\\s+#.*$", "").trim();
                out.add(new Command(ROOT.relativize(doc).toString(), start + 1, List.of(text.split("\\s+"))));
            }
        }
        return out;
    }

    @Test
    void everyConfigADocPassesIsAnExampleAndEveryExampleIsUsed() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Command c : commands()) {
            for (int i = 0; i + 1 < c.args().size(); i++) {
                if (takesAConfig(c, c.args().get(i))) {
                    String file = c.args().get(i + 1);
                    assertTrue(file.startsWith("examples/"), c + ": a config the docs use must live in examples/");
                    assertTrue(Files.isRegularFile(ROOT.resolve(file)), c + ": " + file + " is missing");
                    used.add(file);
                }
            }
        }
        assertEquals(
                shipped(), used, "every file in examples/ is used by a command of the README or docs, and only those");
    }

    @Test
    void aDocBlockNamedAfterAnExampleIsItsExactText() throws IOException {
        int blocks = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = FENCE.matcher(lines.get(i));
                if (m.matches()) {
                    int end = i + 1;
                    while (!lines.get(end).startsWith("```")) {
                        end++;
                    }
                    String body = String.join("\n", lines.subList(i + 1, end)) + "\n";
                    assertEquals(
                            Files.readString(ROOT.resolve(m.group(1))),
                            body,
                            doc + ":" + (i + 1) + " shows " + m.group(1));
                    blocks++;
                    i = end;
                }
            }
        }
        assertTrue(blocks >= 1, "docs/guide.md shows examples/grid.yaml");
    }

    @Test
    void everyCommandThatUsesAnExampleRunsAsWritten() throws IOException {
        List<Command> runs = commands().stream()
                .filter(c -> !c.examples().isEmpty() && c.runnable())
                .toList();
        Set<String> covered = new TreeSet<>();
        for (Command c : runs) {
            List<String> args = new ArrayList<>();
            Path outDir = null;
            for (int i = 0; i < c.args().size(); i++) {
                String a = c.args().get(i);
                if (a.startsWith("examples/")) {
                    args.add(ROOT.resolve(a).toString());
                } else if (i > 0 && c.args().get(i - 1).equals("--out")) {
                    outDir = work.resolve(c.doc().replace('/', '_') + "-" + c.line())
                            .resolve(a);
                    args.add(outDir.toString());
                } else {
                    args.add(a);
                }
            }
            String out = GuideExamplesTest.run(c.toString(), args);
            if (outDir == null) {
                assertTrue(
                        out.lines().count() >= 2
                                && out.lines().findFirst().orElseThrow().contains(","),
                        c + ": a table on standard output expected, got:\n" + out);
            } else {
                try (Stream<Path> s = Files.walk(outDir)) {
                    assertTrue(s.anyMatch(p -> p.toString().endsWith(".csv")), c + ": no table or point file in --out");
                }
            }
            covered.addAll(c.examples());
        }
        assertEquals(shipped(), covered, "every example is run by at least one documented command");
    }
}
