package dev.eventloom.http.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventloom.core.runtime.FunctionMetadata;
import dev.eventloom.core.runtime.filter.TriggerMetadata;

/** Functions with every kind of trigger the generator handles. */
final class KnativeFixtures {

    private KnativeFixtures() {
    }

    static FunctionMetadata function(String name, TriggerMetadata... triggers) {
        FunctionMetadata function = new FunctionMetadata();
        function.setName(name);
        function.setTriggers(new ArrayList<>(List.of(triggers)));
        return function;
    }

    static FunctionMetadata withDeadLetter(FunctionMetadata function, String deadLetter) {
        function.getDelivery().setDeadLetter(deadLetter);
        function.getDelivery().setRetries(3);
        return function;
    }

    static TriggerMetadata trigger(String type, String source, List<String> exact, List<String> prefix, String cesql,
            String filters) {
        return TriggerMetadata.of(type, source, exact, prefix, List.of(), cesql, filters);
    }

    static List<FunctionMetadata> everyKind() {
        return List.of(
                function("by-type", trigger("order.created", null, List.of(), List.of(), null, null)),
                function("by-type-and-subject", trigger("order.created", null, List.of("subject=eu"), List.of(), null,
                        null)),
                function("by-prefix", trigger(null, null, List.of(), List.of("type=order."), null, null)),
                function("by-cesql", trigger(null, null, List.of(), List.of(), "type = 'a' AND tier = 'gold'", null)),
                function("by-filters", trigger(null, null, List.of(), List.of(), null,
                        "[{\"any\":[{\"exact\":{\"type\":\"a\"}},{\"not\":{\"suffix\":{\"type\":\".test\"}}}]}]")),
                function("from-uploads", trigger("object.created", "uploads", List.of(), List.of(), null, null)),
                function("from-two", trigger(null, "two", List.of(), List.of(), null, null)),
                function("twice", trigger("a", null, List.of(), List.of(), null, null),
                        trigger("b", null, List.of(), List.of(), null, null)),
                function("unbound", trigger(null, "nowhere", List.of(), List.of(), null, null)),
                function("no-triggers"),
                function("catch-all", trigger(null, null, List.of(), List.of(), null, null)),
                withDeadLetter(function("parked", trigger("order.failed", null, List.of(), List.of(), null, null)),
                        "https://dlq.example/events"));
    }

    static KnativeManifest.Settings settings() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("uploads", List.of("/storage/uploads"));
        sources.put("two", List.of("/one", "/other"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVENTLOOM_SINK_URL", "http://broker-ingress.knative-eventing.svc.cluster.local/default/default");
        return new KnativeManifest.Settings("shop", "team-a", "registry.example/shop:1.0", "orders", env, sources);
    }
}
