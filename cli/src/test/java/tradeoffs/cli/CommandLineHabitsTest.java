package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import tradeoffs.io.BuildInfo;
import tradeoffs.io.Grid;

/**
 * Habits every command shares: radius flags take fractions and say their units, {@code --version}
 * names the commit and the DJL/PyTorch versions on every command, {@code completion} prints a
 * script bash runs.
 */
class CommandLineHabitsTest {
    /** Every option of every command, with its command's name. */
    static List<Object[]> options() {
        List<Object[]> out = new ArrayList<>();
        walk(Main.commandLine(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<Object[]> out) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            out.add(new Object[] {cl.getCommandSpec().qualifiedName(), o});
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> walk(sub, out));
    }

    /** A flag that sets a radius (or a step in radius units, or a noise level in pixel units). */
    static boolean isRadius(String name) {
        return name.equals("--eps")
                || name.startsWith("--eps-")
                || name.startsWith("--train-eps-")
                || name.equals("--step-size")
                || name.equals("--rfs-sigma");
    }

    @Test
    void everyRadiusFlagTakesFractionsAndStatesItsUnits() throws Exception {
        int seen = 0;
        for (Object[] c : options()) {
            OptionSpec o = (OptionSpec) c[1];
            if (!isRadius(o.longestName())) {
                continue;
            }
            seen++;
            String where = c[0] + " " + o.longestName();
            String help = String.join(" ", o.description());
            assertTrue(help.contains("unit") || help.contains("pixel"), where + " states its units: " + help);
            CommandLine.ITypeConverter<?>[] conv = o.converters();
            assertTrue(conv != null && conv.length > 0, where + " has a converter");
            Object v = conv[0].convert("8/255");
            double x = v instanceof Grid g ? g.values()[0] : (Double) v;
            assertEquals(8.0 / 255, x, 0.0, where + " reads 8/255 exactly");
        }
        // theory, simulate, invariance: --eps; multi-perturbation: 2; deep eval: --eps + 3 + rfs; deep sweep:
        // 3 + 3 + rfs; deep train: --eps, --step-size
        assertEquals(3 + 2 + 5 + 7 + 2, seen);
    }

    @Test
    void versionOfEveryCommandNamesTheCommitAndTheEngineVersions() {
        BuildInfo b = BuildInfo.current();
        for (String[] args :
                List.of(new String[] {"--version"}, new String[] {"deep", "train", "--version"}, new String[] {
                    "sweep", "merge", "--version"
                })) {
            CliRun r = CliRun.main(args);
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals("tradeoffs " + b.version(), lines.get(0), r.out());
            String head = git("rev-parse", "HEAD");
            assertTrue(lines.get(1).startsWith("commit " + (head == null ? "unknown" : head.trim())), r.out());
            assertEquals("DJL " + b.djl() + ", PyTorch " + b.pytorch() + " (" + b.pytorchNative() + ")", lines.get(2));
            assertTrue(lines.get(3).startsWith("Java " + System.getProperty("java.version")), r.out());
        }
    }

    @Test
    void completionScriptCompletesCommandsOptionsAndFormats(@TempDir Path tmp) throws IOException {
        CliRun r = CliRun.main("completion");
        assertEquals(0, r.code(), r.err());
        String script = r.out();
        assertTrue(script.startsWith("#!/usr/bin/env bash"), script.substring(0, 40));
        Path file = tmp.resolve("tradeoffs.bash");
        Files.writeString(file, script);
        // bash itself, when there is one: the script loads and completes as a user would type
        String words = bash("source '" + file + "'; "
                + "c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; "
                + "COMPREPLY=(); _complete_tradeoffs 2>/dev/null; echo \"${COMPREPLY[*]}\"; }; "
                + "c tradeoffs de; c tradeoffs deep tr; c tradeoffs deep train --fo; c tradeoffs deep train --format ''; "
                + "c tradeoffs reproduce --qu");
        assumeTrue(words != null, "no bash");
        assertEquals(
                List.of("deep", "train", "--foregrounds --format", "text csv json", "--quiet"),
                words.lines().toList());
        assertFalse(script.contains("generate-completion"), "our own command name: tradeoffs completion");
    }

    private static String bash(String command) {
        return run("bash", "-c", command);
    }

    private static String git(String... args) {
        List<String> c = new ArrayList<>(List.of("git"));
        c.addAll(List.of(args));
        return run(c.toArray(String[]::new));
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
