package dev.eventloom.http.deployment;

import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists and scalars as block-style YAML. Strings are always double-quoted with JSON escapes (valid YAML),
 * so no value is ever read back as a number, boolean or null by accident.
 */
final class Yaml {

    private Yaml() {
    }

    static String document(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        map(out, document, 0);
        return out.toString();
    }

    private static void map(StringBuilder out, Map<String, ?> map, int indent) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            out.append(" ".repeat(indent)).append(entry.getKey()).append(':');
            value(out, entry.getValue(), indent);
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(StringBuilder out, Object value, int indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append(" {}\n");
            } else {
                out.append('\n');
                map(out, (Map<String, ?>) map, indent + 2);
            }
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent)).append("- ");
                if (item instanceof Map<?, ?> map && !map.isEmpty()) {
                    // the first key on the dash's line, the others aligned under it
                    StringBuilder nested = new StringBuilder();
                    map(nested, (Map<String, ?>) map, indent + 2);
                    out.append(nested.substring(indent + 2));
                } else {
                    StringBuilder scalar = new StringBuilder();
                    value(scalar, item, indent + 2);
                    out.append(scalar.substring(1));
                }
            }
        } else {
            out.append(' ').append(scalar(value)).append('\n');
        }
    }

    private static String scalar(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = String.valueOf(value);
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
