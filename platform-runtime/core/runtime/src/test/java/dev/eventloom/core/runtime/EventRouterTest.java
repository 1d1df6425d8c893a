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
    void exactTypeRoutesToItsFunctionOnly() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("created", type("order.created"))
                .add("deleted", type("order.deleted"))
                .build();
        assertEquals(List.of("created"), router.route(event("order.created"), null));
        assertEquals(List.of("deleted"), router.route(event("order.deleted"), null));
    }

    @Test
    void noMatchGivesAnEmptyList() {
        EventRouter<String> router = EventRouter.<String> builder().add("created", type("order.created")).build();
        assertEquals(List.of(), router.route(event("order.shipped"), null));
    }

    @Test
    void aCatchAllReceivesEveryEvent() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("audit", catchAll())
                .add("created", type("order.created"))
                .build();
        assertEquals(List.of("audit", "created"), router.route(event("order.created"), null));
        assertEquals(List.of("audit"), router.route(event("anything"), null));
    }

    @Test
    void anEventMatchingSeveralTriggersGoesToEachInTheOrderTheyWereAdded() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("b", cesql("tier = 'gold'"))
                .add("a", type("order.created"))
                .add("c", TriggerMetadata.of(null, null, List.of(), List.of("type=order."), List.of(), null, null))
                .build();
        assertEquals(List.of("b", "a", "c"), router.route(event("order.created"), null));
    }

    @Test
    void aFunctionWithSeveralMatchingTriggersGetsTheEventOnce() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("f", type("order.created"))
                .add("f", cesql("tier = 'gold'"))
                .add("f", catchAll())
                .build();
        assertEquals(List.of("f"), router.route(event("order.created"), null));
        assertEquals(3, router.size());
    }

    @Test
    void exactTypeAndOtherFiltersMustAllHold() {
        EventRouter<String> router = EventRouter.<String> builder()
                .add("gold", TriggerMetadata.of("order.created", null, List.of("tier=gold"), List.of(), List.of(), null, null))
                .add("silver", TriggerMetadata.of("order.created", null, List.of("tier=silver"), List.of(), List.of(), null, null))
                .build();
        assertEquals(List.of("gold"), router.route(event("order.created"), null));
    }

    @Test
    void theOnlyTriggerOfATypeStillChecksItsOtherFiltersAndSource() {
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
    void aLogicalSourceMustBeTheEvents() {
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
    void routingAmongTenThousandExactTypesFindsExactlyTheRightOne() {
        EventRouter.Builder<String> builder = EventRouter.builder();
        for (int i = 0; i < 10_000; i++) {
            builder.add("f" + i, type("type." + i));
        }
        EventRouter<String> router = builder.build();
        assertEquals(List.of("f7321"), router.route(event("type.7321"), null));
        assertEquals(List.of(), router.route(event("type.10000"), null));
    }
}
