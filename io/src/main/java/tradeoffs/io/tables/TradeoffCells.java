package tradeoffs.io.tables;

import static tradeoffs.io.schema.ColumnNames.*;

import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The one map from a column of the vocabulary to the value of a population solution
 * ({@link TradeoffPoint}): the {@code theory} command's table and a sweep's theory points read
 * their cells here, so a quantity has one name and one source.
 */
public final class TradeoffCells {
    private TradeoffCells() {
    }

    /** The value of {@code column} at {@code p} (a number, or the norm's name). */
    public static Object of(TradeoffPoint p, String column) {
        return switch (column) {
            case NORM -> p.attack().name();
            case EPS -> p.eps();
            case W_CORE -> p.wCore();
            case W_SPURIOUS -> p.wSpurious();
            case RELIANCE -> p.spuriousReliance();
            case STANDARD_RISK -> p.standardRisk();
            case ADVERSARIAL_RISK, RISK_WITH_SPURIOUS -> p.adversarialRisk();
            case SHIFTED_RISK -> p.shiftedRisk();
            case RISK_CORE_ONLY -> p.coreOnlyRisk();
            case SPURIOUS_BENEFIT -> p.spuriousBenefit();
            case KKT_RESIDUAL -> p.certificate().kktResidual();
            case SUBOPTIMALITY_BOUND -> p.certificate().suboptimalityBound();
            default -> throw new IllegalArgumentException("no column '" + column + "' in a population solution");
        };
    }
}
