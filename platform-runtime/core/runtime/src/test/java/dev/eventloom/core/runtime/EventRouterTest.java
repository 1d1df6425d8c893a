package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

class EventRouterTest {

    static CloudEvent event(String type) {
        return CloudEventBuilder.v1().withId("1").withSource(URI.create("/test")).withType(type)
                .withExtension("tier", "gold").build();
    }

    static TriggerMetadata type(String type) {
        return TriggerMetadata.of(type, null, List.of(), List.of(), List.of(), null, null);
    }

    static TriggerMetadata source(String source) {
        return TriggerMetadata.of(null, source, List.of(), List.of(), List.of(), null, null);
    }

    static TriggerMetadata cesql(String expression) {
        return TriggerMetadata.of(null, null, List.of(), List.of(), List.of(), expression, null);
    }

    static TriggerMetadata catchAll() {
        return TriggerMetadata.of(null, null, List.of(), List.of(), List.of(), null, null);
    }

    @Test
    void exact_type_routes_to_its_function_only() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("created", type("order.created"))
                .add("deleted", type("order.deleted"))
                .build();
        assertEquals(List.of("created"), router.route(event("order.created"), null));
        assertEquals(List.of("deleted"), router.route(event("order.deleted"), null));
    }

    @Test
    void no_match_gives_an_empty_list() {
        EventRouter<String> router = EventRouter.<String> builder().add("created", type("order.created")).build();
        assertEquals(List.of(), router.route(event("order.shipped"), null));
    }

    @Test
    void a_catch_all_receives_every_event() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("audit", catchAll())
                .add("created", type("order.created"))
                .build();
        assertEquals(List.of("audit", "created"), router.route(event("order.created"), null));
        assertEquals(List.of("audit"), router.route(event("anything"), null));
    }

    @Test
    void an_event_matching_several_triggers_goes_to_each_in_the_order_they_were_added() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("b", cesql("tier = 'gold'"))
                .add("a", type("order.created"))
                .add("c", TriggerMetadata.of(null, null, List.of(), List.of("type=order."), List.of(), null, null))
                .build();
        assertEquals(List.of("b", "a", "c"), router.route(event("order.created"), null));
    }

    @Test
    void a_function_with_several_matching_triggers_gets_the_event_once() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("f", type("order.created"))
                .add("f", cesql("tier = 'gold'"))
                .add("f", catchAll())
                .build();
        assertEquals(List.of("f"), router.route(event("order.created"), null));
        assertEquals(3, router.size());
    }

    @Test
    void exact_type_and_other_filters_must_all_hold() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("gold", TriggerMetadata.of("order.created", null, List.of("tier=gold"), List.of(), List.of(), null, null))
                .add("silver", TriggerMetadata.of("order.created", null, List.of("tier=silver"), List.of(), List.of(), null, null))
                .build();
        assertEquals(List.of("gold"), router.route(event("order.created"), null));
    }

    @Test
    void the_only_trigger_of_a_type_still_checks_its_other_filters_and_source() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("gold", TriggerMetadata.of("order.created", "shop", List.of("tier=gold"), List.of(), List.of(), null,
                        null))
                .build();
        CloudEvent silver = CloudEventBuilder.v1(event("order.created")).withExtension("tier", "silver").build();
        CloudEvent gold = CloudEventBuilder.v1(event("order.created")).withExtension("tier", "gold").build();
        assertEquals(List.of(), router.route(silver, "shop"));
        assertEquals(List.of(), router.route(gold, "warehouse"));
        assertEquals(List.of("gold"), router.route(gold, "shop"));
    }

    @Test
    void a_logical_source_must_be_the_events() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("uploads", source("uploads"))
                .add("created-from-shop",
                        TriggerMetadata.of("order.created", "shop", List.of(), List.of(), List.of(), null, null))
                .build();
        assertEquals(List.of("uploads"), router.route(event("object.created"), "uploads"));
        assertEquals(List.of(), router.route(event("object.created"), "other"));
        assertEquals(List.of(), router.route(event("object.created"), null));
        assertEquals(List.of("created-from-shop"), router.route(event("order.created"), "shop"));
        assertEquals(List.of(), router.route(event("order.created"), "warehouse"));
        assertEquals(List.of("uploads"), router.route(event("order.created"), "uploads"));
    }

    @Test
    void routing_among_ten_thousand_exact_types_finds_exactly_the_right_one() {
        EventRouter.Builder<String> builder = EventRouter.builder();
        for (int i = 0; i < 10_000; i++) {
            builder.add("f" + i, type("type." + i));
        }
        EventRouter<String> router = builder.build();
        assertEquals(List.of("f7321"), router.route(event("type.7321"), null));
        assertEquals(List.of(), router.route(event("type.10000"), null));
    }
}
