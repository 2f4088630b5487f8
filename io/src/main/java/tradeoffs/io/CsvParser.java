package tradeoffs.io;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV parsing: quoted cells, doubled quotes, CRLF or LF line ends. */
final class CsvParser {
    private CsvParser() {}

    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (cell.length() > 0) {
                        throw new IllegalArgumentException("stray quote on line " + line);
                    }
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    row.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // tolerated before '\n'
                }
                case '\n' -> {
                    row.add(cell.toString());
                    out.add(row);
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                    line++;
                }
                default -> {
                    cell.append(ch);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote at end of file");
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }
}
