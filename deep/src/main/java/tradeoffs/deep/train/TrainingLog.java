package tradeoffs.deep.train;

import java.util.List;
import tradeoffs.io.ResultTable;

/** The per-epoch log of a training run as a table: epoch, loss, accuracy, seconds, images_per_second. */
public final class TrainingLog {
    private TrainingLog() {
    }

    public static ResultTable table(List<EpochLog> logs) {
        ResultTable.Builder b = ResultTable.builder("epoch", "loss", "accuracy", "seconds", "images_per_second");
        for (EpochLog l : logs) {
            b.row(l.epoch(), l.loss(), l.accuracy(), l.seconds(), l.imagesPerSecond());
        }
        return b.build();
    }
}
