package tradeoffs.cli.option;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import tradeoffs.theory.ParameterException;
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
        if (names.isEmpty()) {
            throw new ParameterException("norm", "must name at least one norm: l1, l2, linf or l<p>", "''");
        }
        List<LpNorm> out = new ArrayList<>();
        for (String n : names) {
            LpNorm p;
            try {
                p = LpNorm.parse(n);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(
                        "norm", "must be l1, l2, linf or l<p> with p a decimal >= 1", "'" + n + "'");
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The norms' names, for a manifest. */
    public List<String> describe() {
        return norms().stream().map(LpNorm::name).toList();
    }
}
