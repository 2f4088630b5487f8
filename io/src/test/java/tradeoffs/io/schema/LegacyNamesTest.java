package tradeoffs.io.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tradeoffs.io.ResultTable;
import tradeoffs.io.ResultsFolder;

/** Old column names are read under today's, with one note per folder. */
class LegacyNamesTest {
    @Test
    void classificationTablesOfOlderVersionsReadWithTheSpelledOutAccuracies(@TempDir Path dir) throws IOException {
        // the header `classification invariance` wrote before the table vocabulary had one name per quantity
        Files.writeString(
                dir.resolve("classification_invariance.csv"),
                "mix,classifier,eps,clean_acc,robust_acc,invariance_error\n0,sign(x_r),0.5,0.9,0.7,0.1\n");
        Files.writeString(
                dir.resolve("classification_mep.csv"),
                "classifier,clean_acc,linf_acc,l1_acc,union_acc,avg_acc\np,1,2,3,4,5\n");
        ResultsFolder f = ResultsFolder.read(dir);
        ResultTable inv = f.table("classification_invariance").orElseThrow();
        assertEquals(
                List.of(
                        "mix",
                        "classifier",
                        "eps",
                        ColumnNames.CLEAN_ACCURACY,
                        ColumnNames.ROBUST_ACCURACY,
                        ColumnNames.INVARIANCE_ERROR),
                inv.columns());
        assertEquals(0.7, inv.getDouble(0, ColumnNames.ROBUST_ACCURACY));
        ResultTable mep = f.table("classification_mep").orElseThrow();
        assertEquals(
                List.of(
                        ColumnNames.CLASSIFIER,
                        ColumnNames.CLEAN_ACCURACY,
                        ColumnNames.LINF_ACCURACY,
                        ColumnNames.L1_ACCURACY,
                        ColumnNames.UNION_ACCURACY,
                        ColumnNames.AVG_ACCURACY),
                mep.columns());
        assertEquals(1, f.notes().size());
        assertTrue(
                f.notes().get(0).contains("clean_acc → clean_accuracy"),
                f.notes().get(0));
    }

    @Test
    void todaysTablesAreReadAsTheyAre(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("t.csv"), "clean_accuracy,robust_accuracy\n1,0.5\n");
        ResultsFolder f = ResultsFolder.read(dir);
        assertEquals(
                List.of(ColumnNames.CLEAN_ACCURACY, ColumnNames.ROBUST_ACCURACY),
                f.table("t").orElseThrow().columns());
        assertTrue(f.notes().isEmpty());
    }
}
