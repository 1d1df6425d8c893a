package dev.eventloom.core.runtime.filter;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes filters as Knative Eventing's {@code spec.filters} JSON: the inverse of {@link FilterParser}. */
public final class FilterJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FilterJson() {
    }

    public static ArrayNode toJson(List<FilterMetadata> filters) {
        ArrayNode array = JSON.arrayNode();
        filters.forEach(filter -> array.add(toJson(filter)));
        return array;
    }

    public static ObjectNode toJson(FilterMetadata filter) {
        ObjectNode node = JSON.objectNode();
        switch (filter.getDialect()) {
            case Filters.CESQL -> node.put(Filters.CESQL, filter.getExpression());
            case Filters.ALL, Filters.ANY -> node.set(filter.getDialect(), toJson(filter.getChildren()));
            case Filters.NOT -> node.set(Filters.NOT, toJson(filter.getChildren().get(0)));
            default -> {
                ObjectNode attributes = node.putObject(filter.getDialect());
                for (Map.Entry<String, String> attribute : filter.getAttributes().entrySet()) {
                    attributes.put(attribute.getKey(), attribute.getValue());
                }
            }
        }
        return node;
    }
}
