package dev.eventloom.http.runtime;

import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns query parameters into the JSON object a function's input binds from, the way Funqy HTTP reads them:
 * {@code ?name=Ada&address.city=London&tag=a&tag=b} becomes
 * {@code {"name":"Ada","address":{"city":"London"},"tag":["a","b"]}}. Values stay strings; Jackson converts them to
 * numbers and booleans where the input type asks for one.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static JsonObject toJson(MultiMap parameters) {
        JsonObject root = new JsonObject();
        for (String name : parameters.names()) {
            String[] path = name.split("\\.");
            JsonObject parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                Object child = parent.getValue(path[i]);
                if (!(child instanceof JsonObject)) {
                    child = new JsonObject();
                    parent.put(path[i], child);
                }
                parent = (JsonObject) child;
            }
            List<String> values = parameters.getAll(name);
            parent.put(path[path.length - 1], values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
        }
        return root;
    }
}
