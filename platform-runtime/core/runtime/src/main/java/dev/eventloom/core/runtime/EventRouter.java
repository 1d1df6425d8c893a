package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventloom.core.runtime.filter.EventFilter;
import dev.eventloom.core.runtime.filter.FilterMetadata;
import dev.eventloom.core.runtime.filter.Filters;
import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.cloudevents.CloudEvent;

/**
 * Finds the targets whose triggers match an event.
 * <p>
 * Rules:
 * <ol>
 * <li>A trigger with an exact filter on {@code type} is indexed by that type; one without it but with a logical source
 * is indexed by the source; any other trigger (other filters only, or none: a catch-all) is unindexed. An event is
 * checked against the triggers indexed under its type, under its logical source, and the unindexed ones, so the cost
 * of routing does not grow with the number of exact-type triggers.</li>
 * <li>A trigger matches when its logical source (if any) equals the event's and all its filters match.</li>
 * <li>A target is returned once however many of its triggers match, and targets come in the order they were first
 * added, so fan-out is deterministic.</li>
 * <li>No match gives an empty list.</li>
 * </ol>
 *
 * @param <T> what a trigger routes to
 */
public final class EventRouter<T> {

    private record Route<T>(T target, int order, String logicalSource, EventFilter filter) {
    }

    private final StringIndex<Route<T>[]> byType;
    private final StringIndex<Route<T>[]> bySource;
    private final Route<T>[] unindexed;
    private final int size;

    private EventRouter(StringIndex<Route<T>[]> byType, StringIndex<Route<T>[]> bySource, Route<T>[] unindexed,
            int size) {
        this.byType = byType;
        this.bySource = bySource;
        this.unindexed = unindexed;
        this.size = size;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** The number of triggers. */
    public int size() {
        return size;
    }

    /** The targets whose triggers match, each once, in the order they were added; empty when none does. */
    public List<T> route(CloudEvent event, String logicalSource) {
        Route<T>[] typed = byType.get(event.getType());
        Route<T>[] sourced = logicalSource != null ? bySource.get(logicalSource) : null;
        if (sourced == null && unindexed.length == 0 && typed != null && typed.length == 1) {
            // One candidate, the usual case of an event type with one trigger: no lists to collect and sort it in.
            Route<T> only = typed[0];
            return matches(only, event, logicalSource) ? List.of(only.target()) : List.of();
        }
        List<Route<T>> matched = new ArrayList<>(2);
        collect(typed, event, logicalSource, matched);
        collect(sourced, event, logicalSource, matched);
        collect(unindexed, event, logicalSource, matched);
        if (matched.size() > 1) {
            matched.sort((a, b) -> Integer.compare(a.order(), b.order()));
        }
        List<T> targets = new ArrayList<>(matched.size());
        for (Route<T> route : matched) {
            targets.add(route.target());
        }
        return targets;
    }

    private static <T> void collect(Route<T>[] routes, CloudEvent event, String logicalSource, List<Route<T>> matched) {
        if (routes == null) {
            return;
        }
        for (Route<T> route : routes) {
            if (!contains(matched, route.target()) && matches(route, event, logicalSource)) {
                matched.add(route);
            }
        }
    }

    private static <T> boolean matches(Route<T> route, CloudEvent event, String logicalSource) {
        return (route.logicalSource() == null || route.logicalSource().equals(logicalSource))
                && route.filter().matches(event);
    }

    private static <T> boolean contains(List<Route<T>> matched, T target) {
        for (Route<T> route : matched) {
            if (route.target() == target) {
                return true;
            }
        }
        return false;
    }

    /** Collects triggers; not thread-safe, build once at startup. */
    public static final class Builder<T> {

        private final Map<String, List<Route<T>>> byType = new HashMap<>();
        private final Map<String, List<Route<T>>> bySource = new HashMap<>();
        private final List<Route<T>> unindexed = new ArrayList<>();
        private final Map<T, Integer> order = new LinkedHashMap<>();
        private int size;

        /**
         * @throws dev.eventloom.core.runtime.filter.InvalidFilterException when a filter of the trigger is malformed
         */
        public Builder<T> add(T target, TriggerMetadata trigger) {
            int targetOrder = order.computeIfAbsent(target, t -> order.size());
            String exactType = null;
            List<FilterMetadata> rest = new ArrayList<>();
            for (FilterMetadata filter : trigger.getFilters()) {
                if (exactType == null && Filters.EXACT.equals(filter.getDialect())
                        && filter.getAttributes().containsKey("type")) {
                    exactType = filter.getAttributes().get("type");
                    Map<String, String> others = new LinkedHashMap<>(filter.getAttributes());
                    others.remove("type");
                    if (!others.isEmpty()) {
                        rest.add(FilterMetadata.attributes(Filters.EXACT, others));
                    }
                } else {
                    rest.add(filter);
                }
            }
            Route<T> route = new Route<>(target, targetOrder, trigger.getLogicalSource(), Filters.allOf(rest));
            if (exactType != null) {
                byType.computeIfAbsent(exactType, t -> new ArrayList<>()).add(route);
            } else if (trigger.getLogicalSource() != null) {
                bySource.computeIfAbsent(trigger.getLogicalSource(), s -> new ArrayList<>()).add(route);
            } else {
                unindexed.add(route);
            }
            size++;
            return this;
        }

        public EventRouter<T> build() {
            return new EventRouter<>(freeze(byType), freeze(bySource), toArray(unindexed), size);
        }

        private static <T> StringIndex<Route<T>[]> freeze(Map<String, List<Route<T>>> index) {
            Map<String, Route<T>[]> frozen = new HashMap<>(index.size() * 2);
            index.forEach((key, routes) -> frozen.put(key, toArray(routes)));
            return new StringIndex<>(frozen);
        }

        @SuppressWarnings("unchecked")
        private static <T> Route<T>[] toArray(List<Route<T>> routes) {
            return routes.toArray(new Route[0]);
        }
    }
}
