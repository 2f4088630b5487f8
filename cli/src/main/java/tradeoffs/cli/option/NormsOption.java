package tradeoffs.cli.option;

import java.util.List;
import picocli.CommandLine.Option;
import tradeoffs.theory.norm.LpNorm;

/** {@code --norm} of the regression commands (a picocli mixin): attack norms, repeatable or comma-separated. */
public final class NormsOption {
    @Option(
            names = "--norm",
            split = ",",
            paramLabel = "NORM",
            description = "attack norm(s): l1, l2, linf or l<p>; repeatable or comma-separated (default: l1,l2,linf)")
    List<String> names;

    /** The norms given (duplicates dropped), or l1, l2, linf when --norm is not given; {@code --norm ,} names none and is refused. */
    public List<LpNorm> norms() {
        if (names == null) {
            return List.of(LpNorm.L1, LpNorm.L2, LpNorm.LINF);
        }
        return LpNorm.parseAll(names);
    }
}
