package tradeoffs.deep.train;

import java.util.List;
import tradeoffs.io.ResultTable;
import tradeoffs.io.schema.ColumnNames;

/** The per-epoch log of a training run as a table: epoch, loss, accuracy, seconds, images_per_second. */
public final class TrainingLog {
    /** Column of the epoch's mean training loss. */
    public static final String LOSS = "loss";
    /** Column of the epoch's wall time. */
    public static final String SECONDS = ColumnNames.SECONDS;

    private TrainingLog() {}

    public static ResultTable table(List<EpochLog> logs) {
        ResultTable.Builder b = ResultTable.builder("epoch", LOSS, "accuracy", SECONDS, ColumnNames.IMAGES_PER_SECOND);
        for (EpochLog l : logs) {
            b.row(l.epoch(), l.loss(), l.accuracy(), l.seconds(), l.imagesPerSecond());
        }
        return b.build();
    }
}
