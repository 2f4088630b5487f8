package tradeoffs.reproduce;

import java.io.PrintStream;
import java.nio.file.Path;
import tradeoffs.io.Manifest;

/**
 * What a {@link ReproduceStage} gets: the profile, the results folder to write its tables into
 * (CSV files directly in {@code outDir}, named as in {@code tradeoffs.io.schema.TableNames}), the
 * run's seed, the number of threads it may use, the run's manifest (add parameters and timings
 * under the stage's name) and a stream for progress.
 *
 * @param profile quick or full
 * @param outDir the results folder (exists)
 * @param seed the run's seed; derive every stream of the stage from it
 * @param threads worker threads the stage may use
 * @param manifest the run's manifest.json, written by {@code reproduce} at the end
 * @param log progress and messages (standard error in the CLI)
 */
public record ReproduceContext(Profile profile, Path outDir, long seed, int threads, Manifest manifest,
        PrintStream log) {
}
