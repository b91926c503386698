package io.salespulse.dashboard.api;

import io.salespulse.dashboard.data.CsvTable;
import java.util.List;

/** RFC 4180 CSV, with cells that a spreadsheet would run as a formula defused by a leading quote. */
final class Csv {

    private Csv() {
    }

    static String write(CsvTable table) {
        StringBuilder out = new StringBuilder();
        line(out, List.copyOf(table.csvHeader()));
        for (List<Object> row : table.csvRows()) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || text.startsWith(" ") || text.endsWith(" ")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
