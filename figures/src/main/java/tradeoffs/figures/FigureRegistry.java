package tradeoffs.figures;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tradeoffs.io.ResultsFolder;

/**
 * Every figure the tool knows, each with the tables it needs. {@link #drawAll} draws every
 * figure a results folder supports and records, for each other one, why it was skipped.
 */
public final class FigureRegistry {
    private final List<FigureSpec> specs;

    public FigureRegistry(List<FigureSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** Every figure the tool draws, in report order. */
    public static FigureRegistry standard() {
        return new FigureRegistry(List.of(
                new RelianceVsEpsFigure(),
                new LinfPhaseDiagramFigure(),
                new TradeoffFrontierFigure(),
                new ShiftedRiskFigure("l2"),
                new ShiftedRiskFigure("l1"),
                new ShiftedRiskFigure("linf"),
                new Claim4Figure(),
                new AgreementFigure(),
                new ConvergenceFigure(),
                new DeepRelianceFigure(),
                new DeepPhaseFigure(),
                new DeepShiftFigure(),
                new DeepMethodsFigure("linf"),
                new DeepMethodsFigure("l2"),
                new DeepMethodsFigure("l1"),
                new MepFrontierFigure(),
                new InvarianceFigure(),
                new BetaFigure()));
    }

    public List<FigureSpec> specs() {
        return specs;
    }

    public Optional<FigureSpec> spec(String id) {
        return specs.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Draws every supported figure into {@code outDir} (PNG, SVG and PDF, {@link FigureWriter}). A figure whose tables are
     * missing, or whose drawing fails on what they hold (e.g. a non-numeric cell), is skipped with
     * the reason.
     */
    public Outcome drawAll(ResultsFolder folder, Path outDir) {
        Map<String, Figure> drawn = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (FigureSpec spec : specs) {
            Optional<String> why = spec.unsupported(folder);
            if (why.isPresent()) {
                skipped.put(spec.id(), why.get());
                continue;
            }
            Figure f;
            try {
                f = spec.draw(folder);
            } catch (RuntimeException e) {
                // one figure that cannot read its table must not cost the run its other figures and report
                skipped.put(
                        spec.id(),
                        "could not draw: "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                continue;
            }
            FigureWriter.write(f, outDir);
            drawn.put(spec.id(), f);
        }
        return new Outcome(drawn, skipped);
    }

    /** What {@link #drawAll} did: the figures drawn (by id) and, for the others, why not. */
    public record Outcome(Map<String, Figure> drawn, Map<String, String> skipped) {
        public Outcome {
            drawn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(drawn));
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }
}
