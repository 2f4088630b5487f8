package tradeoffs.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/**
 * Reads a grid flag ({@code 0.3}, {@code 8/255}, {@code 0,0.1,0.5}, {@code 0:1:0.25}; see
 * {@link Grid}) for every command that takes one. A bad grid is a picocli conversion error whose
 * message the CLI prefixes with the flag, e.g. "--eps step must be > 0 (got '0:1:0')" (exit 2).
 * A grid of more than {@link Grid#MAX_POINTS} points is refused here, where the flag is known;
 * only {@link Streamed} (the {@code theory} table, written row by row) takes larger ranges.
 */
public class GridConverter implements ITypeConverter<Grid> {
    private final int maxPoints;

    public GridConverter() {
        this(Grid.MAX_POINTS);
    }

    GridConverter(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    @Override
    public Grid convert(String text) {
        Grid g;
        try {
            g = Grid.parse("grid", text);
        } catch (ParameterException e) {
            throw new TypeConversionException(e.requirement() + " (got " + e.got() + ")");
        }
        if (g.size() > maxPoints) {
            String why =
                    maxPoints < Grid.MAX_STREAMED_POINTS ? " (only the CSV table of theory streams larger grids)" : "";
            throw new TypeConversionException("has more than " + maxPoints + " points" + why + " (got '" + text + "')");
        }
        return g;
    }

    /** For a flag whose rows are streamed: up to {@link Grid#MAX_STREAMED_POINTS} points. */
    public static final class Streamed extends GridConverter {
        public Streamed() {
            super(Grid.MAX_STREAMED_POINTS);
        }
    }
}
