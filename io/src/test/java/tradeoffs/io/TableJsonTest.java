package tradeoffs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two JSON readings of a table's text: by column and by cell. */
class TableJsonTest {
    final ResultTable t = ResultTable.builder("n", "x", "flag", "name")
            .row("10", "0.5", "true", "a")
            .row("20", "", "false", "1")
            .row("30", "NaN", "true", "b")
            .build();

    @Test
    @SuppressWarnings("unchecked")
    void byColumnANumericColumnHoldsNumbersAndTextStaysText() {
        Map<String, Object> m = TableJson.of(t);
        assertEquals(List.of("n", "x", "flag", "name"), m.get("columns"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("rows");
        assertEquals(10L, rows.get(0).get("n")); // whole numbers as integers
        assertNull(rows.get(1).get("x")); // empty cell
        assertEquals("NaN", rows.get(2).get("x")); // NaN is not finite: the column x reads as text
        assertEquals("0.5", rows.get(0).get("x"));
        assertEquals("true", rows.get(0).get("flag"));
        assertEquals("1", rows.get(1).get("name")); // a number in a text column stays text
    }

    @Test
    void byCellEachCellIsTypedByItself() {
        List<Map<String, Object>> rows = TableJson.rows(t);
        assertEquals(10.0, rows.get(0).get("n"));
        assertEquals(0.5, rows.get(0).get("x"));
        assertNull(rows.get(1).get("x"));
        assertNull(rows.get(2).get("x"));
        assertEquals(Boolean.TRUE, rows.get(0).get("flag"));
        assertEquals(1.0, rows.get(1).get("name"));
        assertEquals("b", rows.get(2).get("name"));
    }
}
