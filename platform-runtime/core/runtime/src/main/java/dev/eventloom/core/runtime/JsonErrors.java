package dev.eventloom.core.runtime;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Says what is wrong with a JSON document in the sender's terms: the field, the position and the problem, without the
 * Java types Jackson names (a sender knows the JSON it sent, not the classes it binds to).
 */
public final class JsonErrors {

    /** A qualified Java name, as Jackson quotes it ({@code `com.acme.Person`}) or not; group 1 is its simple name. */
    private static final Pattern QUALIFIED = Pattern.compile("`?\\b(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)(?:<[^>`]*>)?`?");
    private static final Pattern REFERENCE_CHAIN = Pattern.compile("\\s*\\(through reference chain:[^)]*\\)");
    private static final Pattern SIMPLE_TYPE = Pattern.compile("`([A-Z][\\w$]*)`");
    /** Where a limit comes from, as Jackson's constraint errors say it ({@code , from `StreamReadConstraints...()`}). */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",?\\s*from `[^`]*`");

    private JsonErrors() {
    }

    /** What went wrong, with the field path and position when Jackson knows them. */
    public static String describe(Exception e) {
        if (!(e instanceof JsonProcessingException json)) {
            return clean(e.getMessage());
        }
        StringBuilder text = new StringBuilder();
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append("field '").append(path(mapping)).append("': ");
        }
        text.append(clean(json.getOriginalMessage()));
        if (json.getLocation() != null && json.getLocation().getLineNr() > 0) {
            text.append(" (line ").append(json.getLocation().getLineNr()).append(", column ")
                    .append(json.getLocation().getColumnNr()).append(')');
        }
        return text.toString();
    }

    /** The message without qualified Java names and Jackson's reference chains. */
    public static String clean(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = REFERENCE_CHAIN.matcher(message).replaceAll("");
        text = LIMIT_SOURCE.matcher(text).replaceAll("");
        text = QUALIFIED.matcher(text).replaceAll("$1");
        return SIMPLE_TYPE.matcher(text).replaceAll("$1");
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
