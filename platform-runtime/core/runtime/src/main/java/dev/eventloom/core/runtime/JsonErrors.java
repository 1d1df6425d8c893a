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
    /** An exception's simple name heading a message ({@code IllegalStateException: ...}), as a wrapper writes it. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("\\b[A-Z][\\w$]*(?:Exception|Error): ");
    /** Jackson's token names and source descriptions. */
    private static final Pattern JACKSON_DETAIL = Pattern.compile(
            "\\s*\\(token `JsonToken\\.[A-Z_]+`\\)|\\s*at \\[Source: [^\\]]*\\]|\\(`StreamReadFeature[^`]*` disabled\\)");
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",?\\s*from `[^`]*`");

    private JsonErrors() {
    }

    /**
     * What went wrong, with the field path and position when Jackson knows them; a Jackson error wrapped in another
     * (as the CloudEvents SDK wraps them) is described as itself.
     */
    public static String describe(Exception e) {
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return describe(json);
            }
        }
        return clean(e.getMessage());
    }

    private static String describe(JsonProcessingException json) {
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
        text = EXCEPTION_PREFIX.matcher(text).replaceAll("");
        text = JACKSON_DETAIL.matcher(text).replaceAll("").replace("value of type ObjectNode", "a JSON object")
                .strip();
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
