package tradeoffs.deep.benchmark;

/** Opens the foreground source a {@link BenchmarkParams} asks for. */
public final class ForegroundSources {
    private ForegroundSources() {}

    /** Procedural shapes, or Fashion-MNIST / MNIST bitmaps read from {@code params.dataPath()}. */
    public static ForegroundSource open(BenchmarkParams params) {
        return switch (params.foregrounds()) {
            case PROCEDURAL -> new ProceduralShapes();
            case FASHION_MNIST ->
                FashionMnist.foregrounds(
                        params.dataPath(), FashionMnist.DEFAULT_PER_CLASS, BitmapForegrounds.DEFAULT_THRESHOLD);
            case MNIST ->
                MnistJson.foregrounds(
                        params.dataPath(), FashionMnist.DEFAULT_PER_CLASS, BitmapForegrounds.DEFAULT_THRESHOLD);
        };
    }
}
