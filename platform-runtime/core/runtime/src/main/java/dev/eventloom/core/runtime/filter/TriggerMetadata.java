package dev.eventloom.core.runtime.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trigger of a function: an optional logical source and filters that must all match. Built from a
 * {@link dev.eventloom.Trigger} annotation at build time, or from configuration at run time, by
 * {@link #of(String, String, List, List, List, String, String)}.
 */
public final class TriggerMetadata {

    private String logicalSource;
    private List<FilterMetadata> filters = new ArrayList<>();

    public TriggerMetadata() {
    }

    /**
     * Builds a trigger from the settings of {@link dev.eventloom.Trigger}; blank settings are ignored.
     *
     * @throws InvalidFilterException naming the first setting that is malformed
     */
    public static TriggerMetadata of(String type, String source, List<String> exact, List<String> prefix,
            List<String> suffix, String cesql, String filtersJson) {
        TriggerMetadata trigger = new TriggerMetadata();
        trigger.logicalSource = blankToNull(source);
        Map<String, String> exactAttributes = new LinkedHashMap<>();
        if (blankToNull(type) != null) {
            exactAttributes.put("type", type);
        }
        putAll(Filters.EXACT, exactAttributes, exact);
        if (!exactAttributes.isEmpty()) {
            trigger.filters.add(FilterMetadata.attributes(Filters.EXACT, exactAttributes));
        }
        addAttributeFilter(trigger.filters, Filters.PREFIX, prefix);
        addAttributeFilter(trigger.filters, Filters.SUFFIX, suffix);
        if (blankToNull(cesql) != null) {
            trigger.filters.add(FilterMetadata.cesql(cesql.strip()));
        }
        if (blankToNull(filtersJson) != null) {
            trigger.filters.addAll(FilterParser.parse(filtersJson));
        }
        return trigger;
    }

    private static void addAttributeFilter(List<FilterMetadata> filters, String dialect, List<String> settings) {
        Map<String, String> attributes = new LinkedHashMap<>();
        putAll(dialect, attributes, settings);
        if (!attributes.isEmpty()) {
            filters.add(FilterMetadata.attributes(dialect, attributes));
        }
    }

    private static void putAll(String dialect, Map<String, String> attributes, List<String> settings) {
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new InvalidFilterException(dialect + " filter '" + setting
                        + "' must be written attribute=value, for example \"type=com.acme.order.created\"");
            }
            String attribute = setting.substring(0, equals).strip();
            String value = setting.substring(equals + 1);
            if (attributes.containsKey(attribute)) {
                throw new InvalidFilterException(dialect + " filter names the attribute '" + attribute + "' twice");
            }
            attributes.put(attribute, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getLogicalSource() {
        return logicalSource;
    }

    public void setLogicalSource(String logicalSource) {
        this.logicalSource = logicalSource;
    }

    public List<FilterMetadata> getFilters() {
        return filters;
    }

    public void setFilters(List<FilterMetadata> filters) {
        this.filters = filters;
    }

    @Override
    public String toString() {
        if (logicalSource == null && filters.isEmpty()) {
            return "every event";
        }
        StringBuilder text = new StringBuilder();
        if (logicalSource != null) {
            text.append("source '").append(logicalSource).append("'");
        }
        if (!filters.isEmpty()) {
            text.append(text.isEmpty() ? "" : " and ").append("filters ").append(filters);
        }
        return text.toString();
    }
}
