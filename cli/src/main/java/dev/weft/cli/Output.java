package dev.weft.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.client.WeftApiException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Tables (with coloured statuses on a terminal) for people, JSON for scripts. */
final class Output {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PrintWriter out;
    private final boolean json;
    private final boolean colour;

    Output(PrintWriter out, boolean json, boolean colour) {
        this.out = out;
        this.json = json;
        this.colour = colour;
    }

    boolean json() {
        return json;
    }

    void json(Object value) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value as JSON with {@code -o json}, else the table. */
    void print(Object value, List<String> headers, List<List<String>> rows) {
        if (json) {
            json(value);
        } else {
            table(headers, rows);
        }
    }

    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], plain(row.get(i)).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i) == null ? "" : cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - plain(cell).length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }

    private static String plain(String s) {
        return s == null ? "" : s.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    /** A status, green, red, yellow or blue on a terminal that wants colour. */
    String status(String status) {
        if (!colour || status == null) {
            return status;
        }
        String code = switch (status) {
            case "completed", "succeeded", "delivered" -> "32";
            case "failed" -> "31";
            case "waiting", "pending", "queued" -> "33";
            case "running" -> "34";
            default -> "90";
        };
        return "\u001B[" + code + "m" + status + "\u001B[0m";
    }

    /** The answer as JSON with {@code -o json}, else one line for people. */
    void result(Object value, String line) {
        if (json) {
            json(value);
        } else {
            out.println(line);
        }
    }

    void line(String text) {
        out.println(text);
    }

    /** {@code file:step.field} (or the pointer) of a refused field, for {@code file:step.field: message}. */
    static String where(String file, WeftApiException.FieldError e) {
        String place = e.field() != null ? e.field() : e.pointer() != null ? e.pointer() : "";
        if (e.step() != null && !e.step().startsWith("#")) {
            place = e.step() + (place.isEmpty() ? "" : "." + place);
        } else if (e.step() != null) {
            place = "steps" + e.step().replace("#", "[") + "]" + (place.isEmpty() ? "" : "." + place);
        }
        return (file == null ? "" : file + ":") + place;
    }

    static List<String> row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(c == null ? "" : c.toString());
        }
        return row;
    }
}
