package dev.eventloom.core.runtime.filter;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import io.cloudevents.sql.Result;

/**
 * Compiles {@link FilterMetadata} into {@link EventFilter}s with Knative Eventing's semantics: attribute values are
 * compared in their canonical string form, a missing attribute never matches {@code exact}, {@code prefix} or
 * {@code suffix}, and a CESQL expression that fails to evaluate does not match.
 */
public final class Filters {

    public static final String EXACT = "exact";
    public static final String PREFIX = "prefix";
    public static final String SUFFIX = "suffix";
    public static final String ALL = "all";
    public static final String ANY = "any";
    public static final String NOT = "not";
    public static final String CESQL = "cesql";
    public static final List<String> DIALECTS = List.of(EXACT, PREFIX, SUFFIX, ALL, ANY, NOT, CESQL);

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]+");

    private Filters() {
    }

    /** Every filter of the list must match; an empty list matches every event. */
    public static EventFilter allOf(List<FilterMetadata> filters) {
        if (filters.isEmpty()) {
            return EventFilter.MATCH_ALL;
        }
        if (filters.size() == 1) {
            return compile(filters.get(0));
        }
        EventFilter[] compiled = compileAll(filters);
        return event -> {
            for (EventFilter filter : compiled) {
                if (!filter.matches(event)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * @throws InvalidFilterException when the filter is malformed: unknown dialect, bad attribute name, empty value,
     *         CESQL that does not parse
     */
    public static EventFilter compile(FilterMetadata filter) {
        String dialect = filter.getDialect();
        if (dialect == null) {
            throw new InvalidFilterException("a filter has no dialect");
        }
        return switch (dialect) {
            case EXACT -> attributeFilter(filter, (actual, expected) -> actual.equals(expected));
            case PREFIX -> attributeFilter(filter, (actual, expected) -> actual.startsWith(expected));
            case SUFFIX -> attributeFilter(filter, (actual, expected) -> actual.endsWith(expected));
            case ALL -> allOf(requireChildren(filter));
            case ANY -> {
                EventFilter[] compiled = compileAll(requireChildren(filter));
                yield event -> {
                    for (EventFilter child : compiled) {
                        if (child.matches(event)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case NOT -> {
                if (filter.getChildren().size() != 1) {
                    throw new InvalidFilterException("'not' takes exactly one filter");
                }
                EventFilter negated = compile(filter.getChildren().get(0));
                yield event -> !negated.matches(event);
            }
            case CESQL -> cesql(filter.getExpression());
            default -> throw new InvalidFilterException(
                    "unknown filter dialect '" + dialect + "'; the dialects are " + String.join(", ", DIALECTS));
        };
    }

    private static List<FilterMetadata> requireChildren(FilterMetadata filter) {
        if (filter.getChildren().isEmpty()) {
            throw new InvalidFilterException("'" + filter.getDialect() + "' needs at least one filter");
        }
        return filter.getChildren();
    }

    private static EventFilter[] compileAll(List<FilterMetadata> filters) {
        List<EventFilter> compiled = new ArrayList<>(filters.size());
        for (FilterMetadata filter : filters) {
            compiled.add(compile(filter));
        }
        return compiled.toArray(EventFilter[]::new);
    }

    private interface Comparison {
        boolean test(String actual, String expected);
    }

    private static EventFilter attributeFilter(FilterMetadata filter, Comparison comparison) {
        if (filter.getAttributes().isEmpty()) {
            throw new InvalidFilterException("'" + filter.getDialect() + "' names no attribute");
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> entry : filter.getAttributes().entrySet()) {
            checkAttributeName(entry.getKey());
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                throw new InvalidFilterException("'" + filter.getDialect() + "' value of '" + entry.getKey()
                        + "' is empty; give the value to compare with");
            }
            names.add(entry.getKey());
            values.add(entry.getValue());
        }
        String[] attributeNames = names.toArray(String[]::new);
        String[] expected = values.toArray(String[]::new);
        return event -> {
            for (int i = 0; i < attributeNames.length; i++) {
                String actual = attribute(event, attributeNames[i]);
                if (actual == null || !comparison.test(actual, expected[i])) {
                    return false;
                }
            }
            return true;
        };
    }

    /** Checks a CloudEvents attribute name: lowercase ASCII letters and digits. */
    public static void checkAttributeName(String name) {
        if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new InvalidFilterException("'" + name
                    + "' is not a CloudEvents attribute name: use lowercase letters and digits only, such as type, source, subject or an extension name");
        }
    }

    private static EventFilter cesql(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFilterException("'cesql' expression is empty");
        }
        Expression expression;
        try {
            expression = Parser.parseDefault(text);
        } catch (ParseException e) {
            throw new InvalidFilterException("CESQL expression \"" + text + "\" does not parse: " + e.getMessage());
        } catch (RuntimeException e) {
            // The SDK's error listener fails on some syntax errors before it can describe them.
            throw new InvalidFilterException("CESQL expression \"" + text + "\" does not parse: syntax error");
        }
        EvaluationRuntime runtime = EvaluationRuntime.getDefault();
        return event -> {
            Result result = expression.evaluate(runtime, event);
            return !result.isFailed() && Boolean.TRUE.equals(result.value());
        };
    }

    /**
     * The canonical string form of a context attribute or extension, or {@code null} when the event does not carry it.
     */
    public static String attribute(CloudEvent event, String name) {
        Object value = switch (name) {
            case "type" -> event.getType();
            case "source" -> event.getSource();
            case "id" -> event.getId();
            case "specversion" -> event.getSpecVersion().toString();
            case "subject" -> event.getSubject();
            case "time" -> event.getTime();
            case "datacontenttype" -> event.getDataContentType();
            case "dataschema" -> event.getDataSchema();
            default -> event.getExtension(name);
        };
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }
}
