package dev.eventloom.core.runtime.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Knative Eventing filter, in a form the build can record: a dialect with its operand. {@code exact},
 * {@code prefix} and {@code suffix} use {@link #getAttributes()}, {@code cesql} uses {@link #getExpression()},
 * {@code all}, {@code any} and {@code not} use {@link #getChildren()} ({@code not} has exactly one child).
 */
public final class FilterMetadata {

    private String dialect;
    private Map<String, String> attributes = new LinkedHashMap<>();
    private String expression;
    private List<FilterMetadata> children = new ArrayList<>();

    public FilterMetadata() {
    }

    public static FilterMetadata attributes(String dialect, Map<String, String> attributes) {
        FilterMetadata filter = new FilterMetadata();
        filter.dialect = dialect;
        filter.attributes = new LinkedHashMap<>(attributes);
        return filter;
    }

    public static FilterMetadata cesql(String expression) {
        FilterMetadata filter = new FilterMetadata();
        filter.dialect = Filters.CESQL;
        filter.expression = expression;
        return filter;
    }

    public static FilterMetadata composite(String dialect, List<FilterMetadata> children) {
        FilterMetadata filter = new FilterMetadata();
        filter.dialect = dialect;
        filter.children = new ArrayList<>(children);
        return filter;
    }

    public String getDialect() {
        return dialect;
    }

    public void setDialect(String dialect) {
        this.dialect = dialect;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    public String getExpression() {
        return expression;
    }

    public void setExpression(String expression) {
        this.expression = expression;
    }

    public List<FilterMetadata> getChildren() {
        return children;
    }

    public void setChildren(List<FilterMetadata> children) {
        this.children = children;
    }

    /** The filter as Knative JSON, for logs and error messages. */
    @Override
    public String toString() {
        return switch (dialect) {
            case Filters.CESQL -> "{\"cesql\": \"" + expression.replace("\"", "\\\"") + "\"}";
            case Filters.ALL, Filters.ANY -> "{\"" + dialect + "\": " + children + "}";
            case Filters.NOT -> "{\"not\": " + (children.isEmpty() ? "null" : children.get(0)) + "}";
            default -> {
                StringBuilder json = new StringBuilder("{\"").append(dialect).append("\": {");
                String separator = "";
                for (Map.Entry<String, String> entry : attributes.entrySet()) {
                    json.append(separator).append('"').append(entry.getKey()).append("\": \"")
                            .append(entry.getValue().replace("\"", "\\\"")).append('"');
                    separator = ", ";
                }
                yield json.append("}}").toString();
            }
        };
    }
}
