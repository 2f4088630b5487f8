package tradeoffs.io.tables;

import static tradeoffs.io.schema.ColumnNames.*;

import java.util.function.ToDoubleFunction;
import tradeoffs.theory.regression.TradeoffPoint;

/**
 * The one map from a column of the vocabulary to the value of a population solution
 * ({@link TradeoffPoint}): the {@code theory} command's table and a sweep's theory points read
 * their cells here, so a quantity has one name and one source.
 */
public final class TradeoffCells {
    private TradeoffCells() {}

    /** The value of {@code column} at {@code p} (a number, or the norm's name). */
    public static Object of(TradeoffPoint p, String column) {
        return column.equals(NORM) ? p.attack().name() : number(column).applyAsDouble(p);
    }

    /** The numeric column {@code column} (every column but {@code norm}) as a function of the point. */
    public static ToDoubleFunction<TradeoffPoint> number(String column) {
        return switch (column) {
            case EPS -> TradeoffPoint::eps;
            case W_CORE -> TradeoffPoint::wCore;
            case W_SPURIOUS -> TradeoffPoint::wSpurious;
            case RELIANCE -> TradeoffPoint::spuriousReliance;
            case STANDARD_RISK -> TradeoffPoint::standardRisk;
            case ADVERSARIAL_RISK, RISK_WITH_SPURIOUS -> TradeoffPoint::adversarialRisk;
            case SHIFTED_RISK -> TradeoffPoint::shiftedRisk;
            case RISK_CORE_ONLY -> TradeoffPoint::coreOnlyRisk;
            case SPURIOUS_BENEFIT -> TradeoffPoint::spuriousBenefit;
            case KKT_RESIDUAL -> p -> p.certificate().kktResidual();
            case SUBOPTIMALITY_BOUND -> p -> p.certificate().suboptimalityBound();
            default -> throw new IllegalArgumentException("no column '" + column + "' in a population solution");
        };
    }
}
