package tradeoffs.cli.deep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tradeoffs.cli.CliRun;
import tradeoffs.deep.benchmark.BenchmarkParams;

/** The benchmark flags shared by deep train, deep sweep and deep preview. */
class BenchmarkOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void scaleRatioSetsTheBackgroundContrast() {
        BenchmarkOptions o = new BenchmarkOptions();
        new CommandLine(o).parseArgs("--classes", "5", "--rho", "0.9", "--fg-contrast", "0.6", "--scale-ratio", "1.25");
        BenchmarkParams p = o.toParams();
        // by hand: eta_rho = (K rho - 1)/(K - 1) = 3.5/4 = 0.875; bg contrast = r * fg / eta = 1.25 * 0.6 / 0.875
        assertEquals(0.857142857142857, p.backgroundContrast(), 1e-12);
        assertEquals(0.6, p.foregroundContrast(), 0);
        BenchmarkOptions plain = new BenchmarkOptions();
        new CommandLine(plain).parseArgs("--bg-contrast", "0.3");
        assertEquals(0.3, plain.toParams().backgroundContrast(), 0, "without --scale-ratio, --bg-contrast stands");
    }

    @Test
    void aScaleRatioTheBackgroundCannotReachIsRefusedNamingTheFlag() {
        // the largest ratio: eta / fg = 0.875 / 0.6 = 1.458...
        CliRun r = CliRun.main(
                "deep",
                "preview",
                "--classes",
                "5",
                "--rho",
                "0.9",
                "--fg-contrast",
                "0.6",
                "--scale-ratio",
                "5",
                "--out",
                tmp.resolve("p").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --scale-ratio must be <= 1.458"), r.err());
    }
}
