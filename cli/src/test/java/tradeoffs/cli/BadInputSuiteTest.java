package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import tradeoffs.cli.option.GridConverter;
import tradeoffs.io.FolderLock;
import tradeoffs.io.Grid;

/**
 * The generated suite of bad invocations and damaged input files (issue 11): every case is run in
 * process through picocli ({@link CliRun#main}) and must end with exit code 2, a first stderr line
 * {@code error: ...} that names the right flag, config key or file, at most a second line (picocli's
 * {@code try: ... --help}), no stack trace and no exception class name anywhere in the output, and
 * the case's folder exactly as it was before (same files, same bytes; lock files, which never block
 * anything, aside), so nothing is left that blocks the corrected rerun.
 *
 * <p>Two sources of cases: generated from the command tree itself (every option of every command
 * that takes a number or a grid gets values that are not numbers, every option that takes a value
 * gets none, every command an unknown option), and written out (ranges, sizes beyond the heap or
 * the int range, norms, ε lists, output locations, damaged sweep configs in JSON and YAML, damaged
 * point files for {@code sweep merge}, damaged checkpoints for {@code deep eval}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest {
    /** Each case: where it belongs, what it does, its arguments (built in its own folder), the text the error must contain. */
    record Case(String category, String name, Function<Path, String[]> setup, String expect) {}

    static final String THEORY_SWEEP = """
            {"seed": 3, "kinds": ["theory"], "norms": ["l2", "linf"], "eps": [0.1, 0.2],
             "model": {"sigma_spurious": 2.0, "eta": 0.5}, "eta_test": -0.5}
            """;
    static final String[] TINY_DEEP = {
        "--image-size",
        "8",
        "--classes",
        "3",
        "--train-size",
        "48",
        "--test-size",
        "12",
        "--epochs",
        "1",
        "--batch-size",
        "16",
        "--steps",
        "1",
        "--device",
        "cpu"
    };

    @TempDir
    static Path tmp;

    Path sweepDone;
    Path checkpoint;
    final AtomicInteger counter = new AtomicInteger();
    final Map<String, Integer> byCategory = new TreeMap<>();

    @BeforeAll
    void fixtures() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("theory-sweep.json"), THEORY_SWEEP);
        sweepDone = tmp.resolve("sweep-done");
        CliRun s = CliRun.main("sweep", "--config", cfg.toString(), "--out", sweepDone.toString(), "--threads", "1");
        assertEquals(0, s.code(), s.err());
        checkpoint = tmp.resolve("ckpt");
        String[] train = concat(new String[] {"deep", "train", "--out", checkpoint.toString(), "--quiet"}, TINY_DEEP);
        CliRun t = CliRun.main(train);
        assertEquals(0, t.code(), t.err());
    }

    @TestFactory
    Stream<DynamicTest> everyBadInvocationIsRefusedCleanly() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(generated());
        cases.addAll(written());
        for (Case c : cases) {
            byCategory.merge(c.category(), 1, Integer::sum);
        }
        assertTrue(cases.size() >= 300, "the suite has " + cases.size() + " cases, fewer than 300");
        System.out.println("BadInputSuiteTest: " + cases.size() + " cases " + byCategory);
        return cases.stream().map(c -> dynamicTest(c.category() + ": " + c.name(), () -> check(c)));
    }

    void check(Case c) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("case" + counter.incrementAndGet()));
        String[] args = c.setup().apply(dir);
        Map<String, String> before = snapshot(dir);
        CliRun r = CliRun.main(args);
        String shown = String.join(
                " ",
                Arrays.stream(args)
                        .map(a -> a.length() > 60 ? a.substring(0, 57) + "..." : a)
                        .toList());
        String all = r.out() + r.err();
        assertEquals(2, r.code(), shown + " must be refused with exit 2; stderr: " + r.err());
        assertFalse(
                all.contains("Exception")
                        || all.contains("\tat ")
                        || all.contains("Error:")
                        || all.contains("OutOfMemory"),
                shown + ": a stack trace or exception name in the output: " + all);
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty(), shown + ": no message");
        assertTrue(lines.get(0).startsWith("error: "), shown + ": first line is not 'error: ...': " + r.err());
        assertTrue(
                lines.size() == 1 || (lines.size() == 2 && lines.get(1).startsWith("try: ")),
                shown + ": more than one line of error: " + r.err());
        assertTrue(
                lines.get(0).contains(c.expect()),
                shown + ": the message must name " + c.expect() + ": " + lines.get(0));
        assertEquals(before, snapshot(dir), shown + ": the refused run changed its folder");
    }

    // ---------------------------------------------------------------- generated from the command tree

    List<Case> generated() {
        List<Case> out = new ArrayList<>();
        walk(Main.commandLine(), out);
        return out;
    }

    private void walk(CommandLine cl, List<Case> out) {
        CommandSpec spec = cl.getCommandSpec();
        String path = spec.qualifiedName(" ").replaceFirst("^tradeoffs ?", "");
        if (!path.isEmpty() && cl.getSubcommands().isEmpty() && !path.equals("completion") && !path.equals("help")) {
            String[] cmd = path.split(" ");
            String category = "flags of " + path;
            List<String> required = new ArrayList<>();
            for (OptionSpec o : spec.options()) {
                if (o.required()) {
                    required.add(o.longestName());
                    required.add("x");
                }
            }
            String[] withRequired = concat(cmd, required.toArray(String[]::new));
            out.add(new Case(
                    category, "unknown option", d -> concat(withRequired, "--no-such-flag", "1"), "--no-such-flag"));
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
                    continue;
                }
                String flag = o.longestName();
                out.add(new Case(category, flag + " without its value", d -> concat(cmd, flag), flag));
                if (isNumeric(o)) {
                    for (String bad : List.of("abc")) {
                        out.add(new Case(category, flag + " " + bad, d -> concat(cmd, flag, bad), flag));
                    }
                    if (o.splitRegex().isEmpty()) {
                        out.add(new Case(category, flag + " ''", d -> concat(cmd, flag, ""), flag));
                    }
                }
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            walk(sub, out);
        }
    }

    private static boolean isNumeric(OptionSpec o) {
        Class<?> t = o.auxiliaryTypes().length > 0 ? o.auxiliaryTypes()[0] : o.type();
        Set<Class<?>> numbers =
                Set.of(int.class, Integer.class, long.class, Long.class, double.class, Double.class, Grid.class);
        return numbers.contains(t) || Arrays.stream(o.converters()).anyMatch(c -> c instanceof GridConverter);
    }

    // ---------------------------------------------------------------- written out

    List<Case> written() {
        List<Case> out = new ArrayList<>();
        ranges(out);
        norms(out);
        epsLists(out);
        outputs(out);
        sweepConfigs(out);
        mergeInputs(out);
        checkpoints(out);
        deepArguments(out);
        return out;
    }

    static void add(List<Case> out, String category, String expect, String... args) {
        out.add(new Case(category, String.join(" ", args), d -> args, expect));
    }

    /** Sizes and ranges: below the minimum, beyond the int range, beyond the heap. */
    void ranges(List<Case> out) {
        String c = "ranges and sizes";
        add(out, c, "--dim-core", "theory", "--dim-core", "100000");
        add(out, c, "--dim-core", "theory", "--dim-core", "0");
        add(out, c, "--dim-spurious", "theory", "--dim-spurious", "-1");
        add(out, c, "--dim-spurious", "theory", "--dim-spurious", "3000000000");
        add(out, c, "--sigma-core", "theory", "--sigma-core", "0");
        add(out, c, "--sigma-core", "theory", "--sigma-core", "-1");
        add(out, c, "--sigma-spurious", "theory", "--sigma-spurious", "NaN");
        add(out, c, "--sigma-spurious", "theory", "--sigma-spurious", "Infinity");
        add(out, c, "--eta", "theory", "--eta", "1");
        add(out, c, "--eta", "theory", "--eta", "-1.5");
        add(out, c, "--noise", "theory", "--noise", "-0.1");
        add(out, c, "--eta-test", "theory", "--eta-test", "1");
        add(out, c, "--eta-test", "simulate", "--eta-test", "-2");
        add(out, c, "--threads", "theory", "--threads", "0");
        add(out, c, "--threads", "theory", "--threads", "100000");
        add(out, c, "--threads", "simulate", "--threads", "-3");
        add(out, c, "--n", "simulate", "--n", "-1");
        add(out, c, "--n", "simulate", "--n", "0");
        add(out, c, "--n", "simulate", "--n", "1");
        add(out, c, "--n", "simulate", "--n", "300000000");
        add(out, c, "--n", "simulate", "--n", "2000000000");
        add(out, c, "--n", "simulate", "--n", "3000000000");
        add(out, c, "--n-test", "simulate", "--n-test", "0");
        add(out, c, "--n-test", "simulate", "--n-test", "-5");
        add(out, c, "--n-test", "simulate", "--n-test", "2000000000");
        add(out, c, "--n-test", "simulate", "--n", "100", "--n-test", "300000000");
        add(out, c, "--reps", "simulate", "--reps", "1");
        add(out, c, "--reps", "simulate", "--reps", "0");
        add(out, c, "--reps", "simulate", "--reps", "2000000000");
        add(out, c, "--n", "simulate", "--dim-core", "50", "--n", "20");
        add(out, c, "--a-core", "theory", "--anti-causal", "--a-core", "NaN");
        add(out, c, "--tau-core", "theory", "--anti-causal", "--tau-core", "0");
        add(out, c, "--tau-spurious", "simulate", "--anti-causal", "--tau-spurious", "-1");
        add(out, c, "--model-file", "theory", "--anti-causal", "--model-file", "m.json");
        add(out, c, "--model-file", "simulate", "--anti-causal", "--model-file", "m.json");
        add(out, c, "--points", "classification", "multi-perturbation", "--points", "1");
        add(out, c, "--points", "classification", "multi-perturbation", "--points", "100000");
        add(out, c, "--p0", "classification", "multi-perturbation", "--p0", "0.2");
        add(out, c, "--dim", "classification", "multi-perturbation", "--dim", "0");
        add(out, c, "--sigma-s", "classification", "invariance", "--sigma-s", "0");
        add(out, c, "--sigma-r", "classification", "invariance", "--sigma-r", "-1");
        add(out, c, "--mu-s", "classification", "invariance", "--mu-s", "NaN");
        add(out, c, "--profile", "reproduce", "--profile", "medium", "--out", "unused");
        add(out, c, "--shard", "sweep", "--config", "x.json", "--out", "o", "--shard", "2/2");
        add(out, c, "--shard", "sweep", "--config", "x.json", "--out", "o", "--shard", "a/b");
        add(out, c, "--shard", "sweep", "--config", "x.json", "--out", "o", "--shard", "0/0");
        add(out, c, "--shard", "sweep", "--config", "x.json", "--out", "o", "--shard", "1");
        add(out, c, "--format", "theory", "--format", "xml");
        add(out, c, "--format", "simulate", "--format", "");
    }

    /** Norm names: unknown, exponents, below 1, empty lists. */
    void norms(List<Case> out) {
        String c = "norms";
        for (String n : List.of(
                "linfinity", "l1e999", "l0.5", "l-2", "lnan", "l", "infinity", "l2x", "L+3", "l1e2", "0.9", ",")) {
            add(out, c, "--norm", "theory", "--norm", n);
        }
        for (String n : List.of("linfinity", "l1e999", "l3", ",")) {
            add(out, c, "--norm", "simulate", "--norm", n);
        }
        add(out, c, "--norm", "deep", "train", "--norm", "linfinity", "--eps", "0.1", "--out", "o");
        add(out, c, "--norm", "deep", "train", "--norm", ",", "--out", "o");
        add(out, c, "--norm", "deep", "train", "--norm", "l3", "--eps", "1", "--out", "o");
        add(out, c, "--eval-norm", "deep", "sweep", "--eval-norm", "l1e999", "--out", "o");
    }

    /** ε grids: negative, steps that explode, explicit lists of millions of values. */
    void epsLists(List<Case> out) {
        String c = "eps grids";
        String millions = String.join(",", java.util.Collections.nCopies(2_000_001, "0"));
        add(out, c, "--eps", "theory", "--eps", "0:1:0.0000000001");
        add(out, c, "--eps", "theory", "--eps", millions);
        add(out, c, "--eps", "simulate", "--eps", millions);
        add(out, c, "--eps", "theory", "--eps", "-0.1");
        add(out, c, "--eps", "theory", "--eps", "1:0:0.1");
        add(out, c, "--eps", "theory", "--eps", "0:1:0");
        add(out, c, "--eps", "theory", "--eps", "0:1:-0.1");
        add(out, c, "--eps", "theory", "--eps", "1e999");
        add(out, c, "--eps", "theory", "--eps", "1/0");
        add(out, c, "--eps", "theory", "--eps", "0,,1");
        add(out, c, "--eps", "simulate", "--eps", "-1");
        add(out, c, "--eps", "simulate", "--eps", "1e400000000");
        add(out, c, "--eps", "classification", "invariance", "--eps", "-1");
        add(out, c, "--mix", "classification", "invariance", "--mix", "1.5");
        add(out, c, "--eps-l1", "classification", "multi-perturbation", "--eps-l1", "-1");
        add(out, c, "--eps-l1", "classification", "multi-perturbation", "--eps-l1", millions);
        add(out, c, "--eps", "deep", "train", "--norm", "linf", "--eps", "-0.1", "--out", "o");
        add(out, c, "--eps", "deep", "train", "--norm", "linf", "--eps", "0:1:0.0000001", "--out", "o");
        add(out, c, "--eps-linf", "deep", "sweep", "--eps-linf", "-1", "--out", "o");
        add(out, c, "--eps-l2", "deep", "sweep", "--eps-l2", millions, "--out", "o");
    }

    /** Output locations: a folder where a file goes, a file where a folder goes, empty text, inside a file. */
    void outputs(List<Case> out) {
        String c = "output locations";
        for (String cmd :
                List.of("theory", "simulate", "classification invariance", "classification multi-perturbation")) {
            String[] base = cmd.split(" ");
            out.add(new Case(c, cmd + " --out <folder>", d -> concat(base, "--out", d.toString()), "--out"));
            out.add(new Case(c, cmd + " --out ''", d -> concat(base, "--out", ""), "--out"));
            out.add(new Case(
                    c,
                    cmd + " --out <file>/x.csv",
                    d -> concat(
                            base,
                            "--out",
                            file(d, "f.txt", "x").resolve("x.csv").toString()),
                    "--out"));
        }
        for (String cmd : List.of("reproduce", "deep train", "deep sweep", "deep preview", "sweep merge")) {
            String[] base = cmd.split(" ");
            out.add(new Case(
                    c,
                    cmd + " --out <file>",
                    d -> concat(base, "--out", file(d, "f.txt", "x").toString()),
                    "--out"));
            out.add(new Case(c, cmd + " --out ''", d -> concat(base, "--out", ""), "--out"));
            out.add(new Case(
                    c,
                    cmd + " --out <file>/sub",
                    d -> concat(
                            base, "--out", file(d, "f.txt", "x").resolve("sub").toString()),
                    "--out"));
        }
        out.add(new Case(
                c,
                "sweep --out <file>",
                d -> concat(
                        new String[] {
                            "sweep", "--config", file(d, "c.json", THEORY_SWEEP).toString()
                        },
                        "--out",
                        file(d, "f.txt", "x").toString()),
                "--out"));
        out.add(new Case(
                c,
                "sweep --out ''",
                d -> new String[] {
                    "sweep", "--config", file(d, "c.json", THEORY_SWEEP).toString(), "--out", ""
                },
                "--out"));
        out.add(new Case(
                c,
                "deep eval --out <file>",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    checkpoint.toString(),
                    "--out",
                    file(d, "f.txt", "x").toString()
                },
                "--out"));
        out.add(new Case(
                c,
                "deep train into a non-empty folder without --overwrite",
                d -> concat(
                        new String[] {
                            "deep",
                            "train",
                            "--out",
                            file(d, "ck/notes.txt", "mine").getParent().toString()
                        },
                        TINY_DEEP),
                "--overwrite"));
        out.add(new Case(
                c,
                "figures --in <missing>",
                d -> new String[] {"figures", "--in", d.resolve("none").toString()},
                "--in"));
        out.add(new Case(
                c,
                "figures --in <file>",
                d -> new String[] {"figures", "--in", file(d, "f.txt", "x").toString()},
                "--in"));
        out.add(new Case(
                c,
                "figures --in <empty folder>",
                d -> new String[] {"figures", "--in", dir(d, "empty").toString()},
                "--in"));
        out.add(new Case(
                c,
                "reproduce --stages ,",
                d -> new String[] {
                    "reproduce", "--stages", ",", "--out", d.resolve("r").toString()
                },
                "--stages"));
        out.add(new Case(
                c,
                "reproduce --stages bogus",
                d -> new String[] {
                    "reproduce", "--stages", "bogus", "--out", d.resolve("r").toString()
                },
                "bogus"));
        out.add(new Case(
                c,
                "reproduce --stages theory,,bridge",
                d -> new String[] {
                    "reproduce",
                    "--stages",
                    "theory,,bridge",
                    "--out",
                    d.resolve("r").toString()
                },
                "--stages"));
    }

    /** Sweep configs, JSON and YAML, damaged in every way the issue lists, and their contents out of range. */
    void sweepConfigs(List<Case> out) {
        String c = "sweep configs";
        Map<String, String> json = new LinkedHashMap<>();
        json.put("duplicate key", "{\"seed\": 1, \"seed\": 2, \"eps\": 0.1}");
        json.put("trailing garbage", "{\"eps\": 0.1} xyz");
        json.put("second object", "{\"eps\": 0.1}{\"eps\": 0.2}");
        json.put("empty file", "");
        json.put("blank file", "  \n ");
        json.put("truncated", THEORY_SWEEP.substring(0, THEORY_SWEEP.length() / 2));
        json.put("not an object", "[1, 2]");
        json.put("a bare number", "42");
        json.put("null", "null");
        json.put("NUL bytes", "{\"eps\": 0.1}\u0000\u0000");
        for (Map.Entry<String, String> e : json.entrySet()) {
            out.add(new Case(c, "json " + e.getKey(), d -> sweep(d, "c.json", e.getValue()), "c.json"));
        }
        out.add(new Case(
                c,
                "binary bytes",
                d -> sweep(d, "c.json", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80}),
                "c.json"));
        out.add(new Case(
                c,
                "latin-1 bytes",
                d -> sweep(d, "c.json", "{\"eps\": 0.1, \"n\u00e9\": 1}".getBytes(StandardCharsets.ISO_8859_1)),
                "c.json"));
        out.add(new Case(
                c,
                "a folder",
                d -> new String[] {
                    "sweep",
                    "--config",
                    dir(d, "cfgdir").toString(),
                    "--out",
                    d.resolve("o").toString()
                },
                "--config"));
        out.add(new Case(
                c,
                "a missing file",
                d -> new String[] {
                    "sweep",
                    "--config",
                    d.resolve("none.json").toString(),
                    "--out",
                    d.resolve("o").toString()
                },
                "--config"));
        out.add(new Case(
                c,
                "--config ''",
                d -> new String[] {
                    "sweep", "--config", "", "--out", d.resolve("o").toString()
                },
                "--config"));
        Map<String, String> yaml = new LinkedHashMap<>();
        yaml.put("alias", "eps: &e 0.1\neta_test: *e\n");
        yaml.put("alias to a list", "norms: &n [l2]\neps: 0.1\nkinds: *n\n");
        yaml.put("duplicate key", "eps: 0.1\neps: 0.2\n");
        yaml.put("two documents", "eps: 0.1\n---\neps: 0.2\n");
        yaml.put("bad indentation", "eps: 0.1\n  model: [\n");
        yaml.put("tab indentation", "model:\n\tsigma_core: 1\neps: 0.1\n");
        for (Map.Entry<String, String> e : yaml.entrySet()) {
            out.add(new Case(c, "yaml " + e.getKey(), d -> sweep(d, "c.yaml", e.getValue()), "c.yaml"));
        }
        // well-formed files with values out of range: the message names the key
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("{\"kinds\": [\"theory\"], \"eps\": \"abc\"}", "eps");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": -1}", "eps");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": \"0:1:0.000000001\"}", "eps");
        keys.put(
                "{\"kinds\": [\"theory\"], \"eps\": [" + String.join(",", java.util.Collections.nCopies(1_000_001, "0"))
                        + "]}",
                "eps");
        keys.put("{\"kinds\": [\"theory\"]}", "eps");
        keys.put("{\"kinds\": [\"bogus\"], \"eps\": 0.1}", "kinds");
        keys.put("{\"kinds\": [\"theory\"], \"norms\": [\"linfinity\"], \"eps\": 0.1}", "norms");
        keys.put("{\"kinds\": [\"theory\"], \"norms\": [\"l1e999\"], \"eps\": 0.1}", "norms");
        keys.put("{\"kinds\": [\"simulate\"], \"norms\": [\"l3\"], \"eps\": 0.1}", "norms");
        keys.put("{\"kinds\": [\"theory\"], \"seed\": 1.5, \"eps\": 0.1}", "seed");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": 0.1, \"eta_test\": 1}", "eta_test");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": 0.1, \"bogus\": 1}", "bogus");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": 0.1, \"model\": {\"eta\": 2}}", "eta");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": 0.1, \"model\": {\"dim_core\": 100000}}", "dim_core");
        keys.put("{\"kinds\": [\"theory\"], \"eps\": 0.1, \"model\": {\"sigma_core\": []}}", "sigma_core");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"n\": -1}}", "simulate.n");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"n_test\": 0}}", "simulate.n_test");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"n\": 2000000000}}", "simulate.n");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"n\": 300000000}}", "simulate.n");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"reps\": 1}}", "simulate.reps");
        keys.put("{\"kinds\": [\"simulate\"], \"eps\": 0.1, \"simulate\": {\"bogus\": 1}}", "bogus");
        keys.put("{\"kinds\": [\"deep\"], \"eps\": 0.1, \"deep\": {\"train_size\": 2000000000}}", "train_size");
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String name = e.getKey().length() > 90 ? e.getKey().substring(0, 87) + "..." : e.getKey();
            out.add(new Case(c, name, d -> sweep(d, "c.json", e.getKey()), e.getValue()));
        }
        // a second run into the folder of a finished sweep with another config
        out.add(new Case(
                c,
                "another config into a finished sweep's folder",
                d -> {
                    Path o = copyTree(sweepDone, d.resolve("done"));
                    return new String[] {
                        "sweep",
                        "--config",
                        file(d, "c.json", THEORY_SWEEP.replace("0.2]", "0.3]")).toString(),
                        "--out",
                        o.toString()
                    };
                },
                "--out"));
    }

    /** Point files for sweep merge, damaged in every way, in a copy of a finished sweep. */
    void mergeInputs(List<Case> out) {
        String c = "sweep merge inputs";
        List<String> points = List.of("p000000", "p000001", "p000002", "p000003");
        Map<String, Function<byte[], byte[]>> damage = new LinkedHashMap<>();
        damage.put("empty", b -> new byte[0]);
        damage.put("truncated", b -> Arrays.copyOf(b, b.length * 2 / 3));
        damage.put(
                "header only",
                b -> new String(b, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .concat("\n")
                        .getBytes(StandardCharsets.UTF_8));
        damage.put("ragged row", b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            return s.substring(0, s.stripTrailing().lastIndexOf(','))
                    .concat("\n")
                    .getBytes(StandardCharsets.UTF_8);
        });
        damage.put("duplicated row", b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            List<String> l = s.lines().toList();
            return (s + l.get(l.size() - 1) + "\n").getBytes(StandardCharsets.UTF_8);
        });
        damage.put(
                "wrong header",
                b -> new String(b, StandardCharsets.UTF_8)
                        .replaceFirst("eps", "epsilon")
                        .getBytes(StandardCharsets.UTF_8));
        damage.put("binary", b -> {
            byte[] x = b.clone();
            x[x.length / 2] = (byte) 0xff;
            x[x.length / 2 + 1] = 0;
            return x;
        });
        damage.put("NUL in the middle", b -> {
            byte[] x = b.clone();
            x[x.length / 2] = 0;
            return x;
        });
        damage.put("another config's digest", b -> {
            String s = new String(b, StandardCharsets.UTF_8);
            return s.replaceAll("([0-9a-f]{64})", "0000000000000000000000000000000000000000000000000000000000000000")
                    .getBytes(StandardCharsets.UTF_8);
        });
        damage.put(
                "a number changed",
                b -> new String(b, StandardCharsets.UTF_8)
                        .replaceFirst(",0\\.1,", ",0.15,")
                        .replaceFirst(",0\\.2,", ",0.25,")
                        .getBytes(StandardCharsets.UTF_8));
        for (String p : points) {
            for (Map.Entry<String, Function<byte[], byte[]>> e : damage.entrySet()) {
                out.add(new Case(
                        c,
                        p + " " + e.getKey() + " (into a new folder)",
                        d -> {
                            Path in = copyTree(sweepDone, d.resolve("in"));
                            Path f = in.resolve("points/theory/" + p + ".csv");
                            write(f, e.getValue().apply(read(f)));
                            return new String[] {
                                "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                            };
                        },
                        p + ".csv"));
            }
            out.add(new Case(
                    c,
                    p + " swapped with another point's file",
                    d -> {
                        Path in = copyTree(sweepDone, d.resolve("in"));
                        String other = p.equals("p000000") ? "p000001" : "p000000";
                        write(
                                in.resolve("points/theory/" + p + ".csv"),
                                read(in.resolve("points/theory/" + other + ".csv")));
                        return new String[] {
                            "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                        };
                    },
                    p + ".csv"));
        }
        for (Map.Entry<String, Function<byte[], byte[]>> e : damage.entrySet()) {
            out.add(new Case(
                    c,
                    "p000002 " + e.getKey() + " (merge in place)",
                    d -> {
                        Path in = copyTree(sweepDone, d.resolve("in"));
                        Path f = in.resolve("points/theory/p000002.csv");
                        write(f, e.getValue().apply(read(f)));
                        delete(in.resolve("theory.csv"));
                        return new String[] {"sweep", "merge", "--out", in.toString()};
                    },
                    "p000002.csv"));
            out.add(new Case(
                    c,
                    "p000001 " + e.getKey() + " in the second of two shards",
                    d -> {
                        Path a = copyTree(sweepDone, d.resolve("a"));
                        Path b = copyTree(sweepDone, d.resolve("b"));
                        Path f = b.resolve("points/theory/p000001.csv");
                        write(f, e.getValue().apply(read(f)));
                        return new String[] {
                            "sweep", "merge", "--out", d.resolve("merged").toString(), a.toString(), b.toString()
                        };
                    },
                    "p000001.csv"));
        }
        out.add(new Case(
                c,
                "a stray point beyond the grid",
                d -> {
                    Path in = copyTree(sweepDone, d.resolve("in"));
                    write(in.resolve("points/theory/p000009.csv"), read(in.resolve("points/theory/p000000.csv")));
                    return new String[] {
                        "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                    };
                },
                "p000009.csv"));
        out.add(new Case(
                c,
                "config.json with a duplicate key",
                d -> {
                    Path in = copyTree(sweepDone, d.resolve("in"));
                    write(in.resolve("config.json"), "{\"seed\": 3, \"seed\": 4}".getBytes(StandardCharsets.UTF_8));
                    return new String[] {
                        "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                    };
                },
                "config.json"));
        out.add(new Case(
                c,
                "config.json binary",
                d -> {
                    Path in = copyTree(sweepDone, d.resolve("in"));
                    write(in.resolve("config.json"), new byte[] {(byte) 0xff, 0, 1});
                    return new String[] {
                        "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                    };
                },
                "config.json"));
        out.add(new Case(
                c,
                "config.json missing",
                d -> {
                    Path in = copyTree(sweepDone, d.resolve("in"));
                    delete(in.resolve("config.json"));
                    return new String[] {
                        "sweep", "merge", "--out", d.resolve("merged").toString(), in.toString()
                    };
                },
                "config.json"));
        out.add(new Case(
                c,
                "two inputs of different configs",
                d -> {
                    Path a = copyTree(sweepDone, d.resolve("a"));
                    Path b = copyTree(sweepDone, d.resolve("b"));
                    write(
                            b.resolve("config.json"),
                            THEORY_SWEEP.replace("\"seed\": 3", "\"seed\": 4").getBytes(StandardCharsets.UTF_8));
                    return new String[] {
                        "sweep", "merge", "--out", d.resolve("merged").toString(), a.toString(), b.toString()
                    };
                },
                "different sweep config"));
        out.add(new Case(
                c,
                "an input that is not a folder",
                d -> new String[] {
                    "sweep",
                    "merge",
                    "--out",
                    d.resolve("merged").toString(),
                    file(d, "f.txt", "x").toString()
                },
                "f.txt"));
        out.add(new Case(
                c,
                "into a non-empty folder of other results",
                d -> {
                    Path in = copyTree(sweepDone, d.resolve("in"));
                    Path o = file(d, "other/results.csv", "a,b\n1,2\n").getParent();
                    return new String[] {"sweep", "merge", "--out", o.toString(), in.toString()};
                },
                "--out"));
    }

    /** Checkpoints for deep eval, damaged in every way. */
    void checkpoints(List<Case> out) {
        String c = "checkpoints";
        Map<String, Function<Path, String>> damage = new LinkedHashMap<>();
        damage.put("model.json missing", ck -> {
            delete(ck.resolve("model.json"));
            return "model.json";
        });
        damage.put("model.params missing", ck -> {
            delete(ck.resolve("model.params"));
            return "model.params";
        });
        damage.put("model.params truncated", ck -> {
            byte[] b = read(ck.resolve("model.params"));
            write(ck.resolve("model.params"), Arrays.copyOf(b, b.length / 2));
            return "model.params";
        });
        damage.put("model.params one byte changed", ck -> {
            byte[] b = read(ck.resolve("model.params"));
            b[b.length - 3] ^= 0x55;
            write(ck.resolve("model.params"), b);
            return "model.params";
        });
        damage.put("model.json empty", ck -> {
            write(ck.resolve("model.json"), new byte[0]);
            return "model.json";
        });
        damage.put("model.json binary", ck -> {
            write(ck.resolve("model.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 7});
            return "model.json";
        });
        damage.put("model.json duplicate key", ck -> {
            String s = new String(read(ck.resolve("model.json")), StandardCharsets.UTF_8);
            write(
                    ck.resolve("model.json"),
                    s.replaceFirst("\\{", "{\"format\": \"x\",").getBytes(StandardCharsets.UTF_8));
            return "model.json";
        });
        damage.put("model.json trailing content", ck -> {
            String s = new String(read(ck.resolve("model.json")), StandardCharsets.UTF_8);
            write(ck.resolve("model.json"), (s + "\n{}").getBytes(StandardCharsets.UTF_8));
            return "model.json";
        });
        damage.put("model.json truncated", ck -> {
            byte[] b = read(ck.resolve("model.json"));
            write(ck.resolve("model.json"), Arrays.copyOf(b, b.length / 2));
            return "model.json";
        });
        damage.put("parameters of the wrong shape (classes 3 -> 4)", ck -> {
            String s = new String(read(ck.resolve("model.json")), StandardCharsets.UTF_8);
            write(
                    ck.resolve("model.json"),
                    s.replaceFirst("\"num_classes\" : 3", "\"num_classes\" : 4")
                            .replaceFirst("\"classes\" : 3", "\"classes\" : 4")
                            .getBytes(StandardCharsets.UTF_8));
            return "model.params";
        });
        damage.put("parameters of the wrong shape (another architecture)", ck -> {
            String s = new String(read(ck.resolve("model.json")), StandardCharsets.UTF_8);
            write(
                    ck.resolve("model.json"),
                    s.replaceFirst("\"architecture\" : \"cnn\"", "\"architecture\" : \"mlp\"")
                            .getBytes(StandardCharsets.UTF_8));
            return "model.params";
        });
        damage.put("image size out of range", ck -> {
            String s = new String(read(ck.resolve("model.json")), StandardCharsets.UTF_8);
            write(
                    ck.resolve("model.json"),
                    s.replaceFirst("\"height\" : 8", "\"height\" : 100000").getBytes(StandardCharsets.UTF_8));
            return "model.json";
        });
        for (Map.Entry<String, Function<Path, String>> e : damage.entrySet()) {
            String[] expect = new String[1];
            out.add(new Case(
                    c,
                    "deep eval, " + e.getKey(),
                    d -> {
                        Path ck = copyTree(checkpoint, d.resolve("ck"));
                        expect[0] = e.getValue().apply(ck);
                        return new String[] {
                            "deep",
                            "eval",
                            "--checkpoint",
                            ck.toString(),
                            "--norm",
                            "linf",
                            "--eps",
                            "0",
                            "--test-size",
                            "6",
                            "--device",
                            "cpu",
                            "--out",
                            d.resolve("eval").toString(),
                            "--quiet"
                        };
                    },
                    expectOf(e.getKey())));
        }
        out.add(new Case(
                c,
                "deep eval, a missing checkpoint",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    d.resolve("none").toString(),
                    "--out",
                    d.resolve("eval").toString()
                },
                "--checkpoint"));
        out.add(new Case(
                c,
                "deep eval, --eps with two norms",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    checkpoint.toString(),
                    "--norm",
                    "linf,l2",
                    "--eps",
                    "0.1",
                    "--out",
                    d.resolve("eval").toString()
                },
                "--eps"));
        out.add(new Case(
                c,
                "deep eval, neither --checkpoint nor --model-file",
                d -> new String[] {"deep", "eval", "--out", d.resolve("eval").toString()},
                "--checkpoint"));
        out.add(new Case(
                c,
                "deep eval, --test-size 0",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    checkpoint.toString(),
                    "--test-size",
                    "0",
                    "--out",
                    d.resolve("eval").toString()
                },
                "--test-size"));
        out.add(new Case(
                c,
                "deep eval, --test-size 2000000000",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    checkpoint.toString(),
                    "--test-size",
                    "2000000000",
                    "--out",
                    d.resolve("eval").toString()
                },
                "--test-size"));
        out.add(new Case(
                c,
                "deep eval, --input-size not the checkpoint's",
                d -> new String[] {
                    "deep",
                    "eval",
                    "--checkpoint",
                    checkpoint.toString(),
                    "--input-size",
                    "16",
                    "--out",
                    d.resolve("eval").toString()
                },
                "--input-size"));
    }

    private static String expectOf(String damage) {
        return damage.startsWith("model.json") || damage.startsWith("image size") ? "model.json" : "model.params";
    }

    /** deep train / sweep / preview arguments that must be refused before any training. */
    void deepArguments(List<Case> out) {
        String c = "deep arguments";
        String[][] bad = {
            {"--train-size", "--train-size", "2000000000"},
            {"--train-size", "--train-size", "0"},
            {"--train-size", "--train-size", "-1"},
            {"--test-size", "--test-size", "2000000000"},
            {"--test-size", "--test-size", "-1"},
            {"--train-size", "--train-size", "20000000", "--image-size", "64"},
            {"--epochs", "--epochs", "0"},
            {"--batch-size", "--batch-size", "0"},
            {"--lr", "--lr", "-1"},
            {"--lr", "--lr", "NaN"},
            {"--steps", "--steps", "0"},
            {"--classes", "--classes", "1"},
            {"--classes", "--classes", "100000"},
            {"--image-size", "--image-size", "0"},
            {"--image-size", "--image-size", "100000"},
            {"--rho", "--rho", "1.5"},
            {"--fg-contrast", "--fg-contrast", "-1"},
            {"--bg-contrast", "--bg-contrast", "NaN"},
            {"--model", "--model", "vgg"},
            {"--device", "--device", "tpu"},
            {"--foregrounds", "--foregrounds", "bogus"},
            {"--seed", "--seed", "x"},
        };
        for (String[] b : bad) {
            String[] rest = Arrays.copyOfRange(b, 1, b.length);
            out.add(new Case(
                    c,
                    "deep train " + String.join(" ", rest),
                    d -> concat(
                            new String[] {
                                "deep", "train", "--out", d.resolve("ck").toString()
                            },
                            rest),
                    b[0]));
            out.add(new Case(
                    c,
                    "deep sweep " + String.join(" ", rest),
                    d -> concat(
                            new String[] {
                                "deep", "sweep", "--out", d.resolve("sw").toString()
                            },
                            rest),
                    b[0]));
        }
        out.add(new Case(
                c,
                "deep train --multi foo with one norm",
                d -> new String[] {
                    "deep",
                    "train",
                    "--norm",
                    "linf",
                    "--eps",
                    "0.1",
                    "--multi",
                    "foo",
                    "--out",
                    d.resolve("ck").toString()
                },
                "--multi"));
        out.add(new Case(
                c,
                "deep train --multi avg with one norm",
                d -> new String[] {
                    "deep",
                    "train",
                    "--norm",
                    "linf",
                    "--eps",
                    "0.1",
                    "--multi",
                    "avg",
                    "--out",
                    d.resolve("ck").toString()
                },
                "--multi"));
        out.add(new Case(
                c,
                "deep train --multi max with standard training",
                d -> new String[] {
                    "deep", "train", "--multi", "max", "--out", d.resolve("ck").toString()
                },
                "--multi"));
        // --method and --trades-beta: each bad combination names the flag to change.
        String[][] methods = {
            {"--method", "--method", "fgsm"},
            {"--norm", "--method", "trades", "--norm", "l2,linf", "--eps", "0.5,0.03"},
            {"--norm", "--method", "max", "--norm", "linf", "--eps", "0.03"},
            {"--norm", "--method", "beta"},
            {"--method", "--method", "standard", "--norm", "linf", "--eps", "0.03"},
            {"--multi", "--method", "pgd", "--norm", "l2,linf", "--eps", "0.5,0.03", "--multi", "max"},
            {"--multi", "--method", "max", "--norm", "l2,linf", "--eps", "0.5,0.03", "--multi", "avg"},
            {"--trades-beta", "--method", "trades", "--norm", "linf", "--eps", "0.03", "--trades-beta", "-1"},
            {"--trades-beta", "--method", "pgd", "--norm", "linf", "--eps", "0.03", "--trades-beta", "2"},
        };
        for (String[] b : methods) {
            String[] rest = Arrays.copyOfRange(b, 1, b.length);
            out.add(new Case(
                    c,
                    "deep train " + String.join(" ", rest),
                    d -> concat(
                            new String[] {
                                "deep", "train", "--out", d.resolve("ck").toString()
                            },
                            rest),
                    b[0]));
        }
        out.add(new Case(
                c,
                "deep train --eps without a norm",
                d -> new String[] {
                    "deep", "train", "--eps", "0.1", "--out", d.resolve("ck").toString()
                },
                "--eps"));
        out.add(new Case(
                c,
                "deep train --step-size without a norm",
                d -> new String[] {
                    "deep",
                    "train",
                    "--step-size",
                    "0.1",
                    "--out",
                    d.resolve("ck").toString()
                },
                "--step-size"));
        out.add(new Case(
                c,
                "deep train two norms, one eps",
                d -> new String[] {
                    "deep",
                    "train",
                    "--norm",
                    "l2,linf",
                    "--eps",
                    "0.1",
                    "--out",
                    d.resolve("ck").toString()
                },
                "--eps"));
        out.add(new Case(
                c,
                "deep preview --per-class 0",
                d -> new String[] {
                    "deep",
                    "preview",
                    "--per-class",
                    "0",
                    "--out",
                    d.resolve("pv").toString()
                },
                "--per-class"));
        out.add(new Case(
                c,
                "deep preview --zoom 33",
                d -> new String[] {
                    "deep", "preview", "--zoom", "33", "--out", d.resolve("pv").toString()
                },
                "--zoom"));
        out.add(new Case(
                c,
                "deep preview --per-class 100000",
                d -> new String[] {
                    "deep",
                    "preview",
                    "--per-class",
                    "100000",
                    "--out",
                    d.resolve("pv").toString()
                },
                "--per-class"));
    }

    // ---------------------------------------------------------------- helpers

    String[] sweep(Path d, String name, String text) {
        return sweep(d, name, text.getBytes(StandardCharsets.UTF_8));
    }

    String[] sweep(Path d, String name, byte[] bytes) {
        Path f = d.resolve(name);
        write(f, bytes);
        return new String[] {
            "sweep", "--config", f.toString(), "--out", d.resolve("o").toString(), "--threads", "1"
        };
    }

    static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static Path file(Path d, String name, String text) {
        Path f = d.resolve(name);
        write(f, text.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    static Path dir(Path d, String name) {
        try {
            return Files.createDirectories(d.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, byte[] bytes) {
        try {
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path f) {
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder under {@code dir} with its SHA-256 (lock files aside). */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (FolderLock.isLockFile(p.getFileName().toString())) {
                    continue;
                }
                String rel = dir.relativize(p).toString();
                m.put(rel, Files.isDirectory(p) ? "dir" : sha(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
