package tradeoffs.reproduce;

import java.io.PrintStream;
import java.nio.file.Path;
import tradeoffs.io.Manifest;
import tradeoffs.io.Progress;

/**
 * What a {@link ReproduceStage} gets: the profile, the results folder to write its tables into
 * (CSV files directly in {@code outDir}, named as in {@code tradeoffs.io.schema.TableNames}), the
 * run's seed, the number of threads it may use, the run's manifest (add parameters under the
 * stage's name; {@code reproduce} times each stage itself) and where to show progress.
 *
 * @param profile quick or full
 * @param outDir the results folder (exists)
 * @param seed the run's seed; derive every stream of the stage from it
 * @param threads worker threads the stage may use
 * @param manifest the run's manifest.json, written by {@code reproduce} at the end
 * @param log standard error, for what is not progress
 * @param progress where the stage's progress bars and progress messages go
 *     ({@code progress.start(label, total)}, {@code progress.line(text)}); the command decides
 *     how they look (a bar on a terminal, plain lines, nothing with --quiet)
 */
public record ReproduceContext(
        Profile profile,
        Path outDir,
        long seed,
        int threads,
        Manifest manifest,
        PrintStream log,
        Progress.Output progress) {

    /** A context whose progress is plain lines on {@code log} (tests, library use). */
    public ReproduceContext(Profile profile, Path outDir, long seed, int threads, Manifest manifest, PrintStream log) {
        this(profile, outDir, seed, threads, manifest, log, Progress.Output.of(Progress.Mode.PLAIN, log));
    }
}
