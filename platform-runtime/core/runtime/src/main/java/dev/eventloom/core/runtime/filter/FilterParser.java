package dev.eventloom.core.runtime.filter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads filters written as Knative Eventing's {@code spec.filters} JSON. */
public final class FilterParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterParser() {
    }

    /**
     * Parses a JSON array of filter objects (a single object is accepted too).
     *
     * @throws InvalidFilterException when the text is not JSON or does not follow Knative's filter grammar
     */
    public static List<FilterMetadata> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterException("filters are not valid JSON: " + e.getOriginalMessage()
                    + "; write a JSON array such as [{\"prefix\": {\"type\": \"com.acme.\"}}]");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidFilterException("filters are empty; write a JSON array such as [{\"exact\": {\"type\": \"x\"}}]");
        }
        if (root.isObject()) {
            return List.of(parseFilter(root));
        }
        return parseList(root, "filters");
    }

    private static List<FilterMetadata> parseList(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new InvalidFilterException(where + " must be a JSON array of filter objects, got: " + node);
        }
        List<FilterMetadata> filters = new ArrayList<>();
        for (JsonNode element : node) {
            filters.add(parseFilter(element));
        }
        return filters;
    }

    private static FilterMetadata parseFilter(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new InvalidFilterException("each filter must be a JSON object with exactly one dialect ("
                    + String.join(", ", Filters.DIALECTS) + "), got: " + node);
        }
        Map.Entry<String, JsonNode> entry = node.fields().next();
        String dialect = entry.getKey();
        JsonNode operand = entry.getValue();
        return switch (dialect) {
            case Filters.EXACT, Filters.PREFIX, Filters.SUFFIX -> FilterMetadata.attributes(dialect, attributes(dialect, operand));
            case Filters.ALL, Filters.ANY -> FilterMetadata.composite(dialect, parseList(operand, "'" + dialect + "'"));
            case Filters.NOT -> {
                if (!operand.isObject()) {
                    throw new InvalidFilterException("'not' takes one filter object, got: " + operand);
                }
                yield FilterMetadata.composite(dialect, List.of(parseFilter(operand)));
            }
            case Filters.CESQL -> {
                if (!operand.isTextual()) {
                    throw new InvalidFilterException("'cesql' takes an expression string, got: " + operand);
                }
                yield FilterMetadata.cesql(operand.asText());
            }
            default -> throw new InvalidFilterException("unknown filter dialect '" + dialect + "'; the dialects are "
                    + String.join(", ", Filters.DIALECTS));
        };
    }

    private static Map<String, String> attributes(String dialect, JsonNode operand) {
        if (!operand.isObject() || operand.isEmpty()) {
            throw new InvalidFilterException("'" + dialect
                    + "' takes an object of attribute names to string values, for example {\"type\": \"com.acme.x\"}, got: "
                    + operand);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = operand.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> attribute = it.next();
            if (!attribute.getValue().isTextual()) {
                throw new InvalidFilterException("'" + dialect + "' value of '" + attribute.getKey()
                        + "' must be a string, got: " + attribute.getValue());
            }
            attributes.put(attribute.getKey(), attribute.getValue().asText());
        }
        return attributes;
    }
}
