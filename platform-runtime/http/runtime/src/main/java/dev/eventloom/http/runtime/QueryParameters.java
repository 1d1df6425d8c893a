package dev.eventloom.http.runtime;

import java.util.List;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns query parameters into the JSON object a function's input binds from, the way Funqy HTTP reads them:
 * {@code ?name=Ada&address.city=London&tag=a&tag=b} becomes
 * {@code {"name":"Ada","address":{"city":"London"},"tag":["a","b"]}}. Values stay strings; Jackson converts them to
 * numbers and booleans where the input type asks for one. A query is bounded (parameters, depth, name length) and its
 * names must describe one object: anything else is an {@link IllegalArgumentException} whose message is for the caller.
 */
final class QueryParameters {

    static final int MAX_PARAMETERS = 256;
    static final int MAX_DEPTH = 16;
    static final int MAX_NAME_LENGTH = 256;

    private QueryParameters() {
    }

    static JsonObject toJson(MultiMap parameters) {
        if (parameters.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("The query has more than " + MAX_PARAMETERS + " parameters");
        }
        JsonObject root = new JsonObject();
        for (String name : parameters.names()) {
            String[] path = path(name);
            JsonObject parent = root;
            for (int i = 0; i < path.length - 1; i++) {
                Object child = parent.getValue(path[i]);
                if (child == null) {
                    child = new JsonObject();
                    parent.put(path[i], child);
                } else if (!(child instanceof JsonObject)) {
                    throw conflict(name);
                }
                parent = (JsonObject) child;
            }
            String last = path[path.length - 1];
            if (parent.containsKey(last)) {
                throw conflict(name);
            }
            List<String> values = parameters.getAll(name);
            parent.put(last, values.size() == 1 ? values.get(0) : new JsonArray(List.copyOf(values)));
        }
        return root;
    }

    private static String[] path(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The query parameter name '" + name.substring(0, 32)
                    + "...' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String[] path = name.split("\\.", -1);
        if (path.length > MAX_DEPTH) {
            throw new IllegalArgumentException("The query parameter '" + name + "' nests " + path.length
                    + " levels deep; at most " + MAX_DEPTH + " are accepted");
        }
        for (String part : path) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("The query parameter name '" + name
                        + "' has an empty part: write names as field or field.subfield");
            }
        }
        return path;
    }

    private static IllegalArgumentException conflict(String name) {
        return new IllegalArgumentException("The query parameter '" + name
                + "' sets a field that another parameter also sets, as a value and as an object");
    }
}
