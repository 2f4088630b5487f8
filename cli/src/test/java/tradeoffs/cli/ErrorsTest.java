package tradeoffs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tradeoffs.cli.option.ParameterFlags;
import tradeoffs.theory.ParameterException;

/** A library's ParameterException reaches the user under the flag they typed, exit code 2. */
class ErrorsTest {
    /** A command whose library call rejects the parameter it is told to. */
    @Command(name = "fake")
    static class Fake implements Callable<Integer> {
        @Option(names = "--train-size")
        int trainSize;

        @Option(names = "--lr")
        double lr;

        @Option(names = "--reject")
        String reject;

        @Override
        public Integer call() {
            throw new ParameterException(reject, "must be >= 1", 0);
        }
    }

    /** The same, with the library's learning_rate set by --lr. */
    @Command(name = "fake")
    static final class Mapped extends Fake implements ParameterFlags {
        @Override
        public Map<String, String> parameterFlags() {
            return Map.of("learning_rate", "--lr");
        }
    }

    @Test
    void theDefaultFlagIsTheParameterWithDashes() {
        CliRun r = CliRun.command(new Fake(), "--reject", "train_size");
        assertEquals(2, r.code());
        assertEquals("error: --train-size must be >= 1 (got 0)\n", r.err());
    }

    @Test
    void aParameterWithoutSuchAFlagKeepsItsName() {
        assertEquals(
                "error: learning_rate must be >= 1 (got 0)\n",
                CliRun.command(new Fake(), "--reject", "learning_rate").err());
    }

    @Test
    void aCommandMapsParametersWhoseFlagDiffers() {
        CliRun r = CliRun.command(new Mapped(), "--reject", "learning_rate");
        assertEquals(2, r.code());
        assertEquals("error: --lr must be >= 1 (got 0)\n", r.err());
    }

    @Test
    void aGridThatDoesNotParseIsNamedByItsFlag() {
        CliRun r = CliRun.main("theory", "--eps", "0:1:0");
        assertEquals(2, r.code());
        assertEquals(
                "error: --eps step must be > 0 (got '0:1:0')",
                r.err().lines().findFirst().orElse(""));
    }

    @Test
    void gridFlagsTakeFractions() {
        CliRun r = CliRun.main("theory", "--norm", "linf", "--eps", "0:2/4:1/4");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                java.util.List.of("0.0", "0.25", "0.5"),
                tradeoffs.io.ResultTable.parseCsv(r.out()).strings("eps"));
    }
}
