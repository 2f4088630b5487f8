package tradeoffs.cli.option;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import tradeoffs.io.Grid;
import tradeoffs.theory.ParameterException;

/**
 * Reads one number that may be written as a fraction ({@code 0.03}, {@code 8/255}, {@code 2/255}):
 * for single-valued radii and step sizes. A bad value is a conversion error the CLI prefixes with
 * the flag (exit 2).
 */
public final class NumberConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
        Grid g;
        try {
            g = Grid.parse("value", text);
        } catch (ParameterException e) {
            throw new TypeConversionException("must be a number or a fraction p/q (got '" + text + "')");
        }
        if (g.values().length != 1 || text.contains(":") || text.contains(",")) {
            throw new TypeConversionException("must be one number or a fraction p/q (got '" + text + "')");
        }
        return g.values()[0];
    }
}
