package dev.eventloom.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** Small readers for AWS event JSON, where a missing field and a JSON {@code null} mean the same. */
final class Json {

    private Json() {
    }

    /** The text of a field, or {@code null} when it is missing or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null
                : value.isValueNode() ? value.asText() : value.toString();
    }

    /** The text of a field that must be there. */
    static String required(JsonNode node, String field, String what) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " has no '" + field + "'");
        }
        return value;
    }
}
