package dev.thermocline.cli.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thermocline.cli.SqlRequest;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prints a query result as an aligned table, CSV (RFC 4180) or JSON lines. Pure: no Flink types. */
final class ResultPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultPrinter() {}

    static void print(SqlRequest.Format format, List<String> columns, List<Object[]> rows, PrintWriter out) {
        switch (format) {
            case TABLE -> table(columns, rows, out);
            case CSV -> csv(columns, rows, out);
            case JSON -> json(columns, rows, out);
        }
        out.flush();
    }

    private static void table(List<String> columns, List<Object[]> rows, PrintWriter out) {
        int[] width = columns.stream().mapToInt(String::length).toArray();
        List<String[]> cells = new ArrayList<>();
        for (Object[] row : rows) {
            String[] text = new String[columns.size()];
            for (int i = 0; i < text.length; i++) {
                text[i] = display(row[i]);
                width[i] = Math.max(width[i], text[i].length());
            }
            cells.add(text);
        }
        out.println(line(columns.toArray(String[]::new), width));
        out.println(String.join("-+-", Arrays.stream(width).mapToObj(w -> "-".repeat(w)).toList()));
        cells.forEach(c -> out.println(line(c, width)));
        out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
        }
        return sb.toString().stripTrailing();
    }

    private static void csv(List<String> columns, List<Object[]> rows, PrintWriter out) {
        out.print(String.join(",", columns.stream().map(ResultPrinter::csvCell).toList()) + "\r\n");
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(v == null ? "" : csvCell(display(v)));
            }
            out.print(String.join(",", cells) + "\r\n");
        }
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }

    private static void json(List<String> columns, List<Object[]> rows, PrintWriter out) {
        for (Object[] row : rows) {
            ObjectNode o = JSON.createObjectNode();
            for (int i = 0; i < columns.size(); i++) {
                o.set(columns.get(i), JSON.valueToTree(jsonValue(row[i])));
            }
            out.println(o.toString());
        }
    }

    private static Object jsonValue(Object v) {
        if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof LocalDateTime) {
            return display(v);
        }
        if (v instanceof byte[] b) {
            return java.util.Base64.getEncoder().encodeToString(b);
        }
        return v;
    }

    static String display(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC).toString();
        }
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        if (v instanceof Map<?, ?> m) {
            return m.toString();
        }
        if (v.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {v}).replaceAll("^\\[|\\]$", "");
        }
        return v.toString();
    }
}
