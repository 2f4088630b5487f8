package tradeoffs.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/**
 * Reads a grid flag ({@code 0.3}, {@code 8/255}, {@code 0,0.1,0.5}, {@code 0:1:0.25}; see
 * {@link Grid}) for every command that takes one. A bad grid is a picocli conversion error whose
 * message the CLI prefixes with the flag, e.g. "--eps step must be > 0 (got '0:1:0')" (exit 2).
 */
public final class GridConverter implements ITypeConverter<Grid> {
    @Override
    public Grid convert(String text) {
        try {
            return Grid.parse("grid", text);
        } catch (ParameterException e) {
            throw new TypeConversionException(e.requirement() + " (got " + e.got() + ")");
        }
    }
}
