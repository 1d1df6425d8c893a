package dev.eventloom.messaging.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.EventContext;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * A connector other than Kafka (SmallRye's in-memory one, which hands messages over on the sender's thread and lets the
 * test see every ack and nack): derived attributes, ack only after the function succeeded, nack when it failed.
 */
class OtherConnectorTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Seen.class, Order.class))
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("eventloom.messaging.incoming", "orders")
            .overrideConfigKey("eventloom.messaging.channel.orders.type", "shop.order")
            .overrideConfigKey("eventloom.messaging.channel.orders.concurrency", "2")
            .overrideConfigKey("mp.messaging.incoming.orders.connector", "smallrye-in-memory");

    public record Order(String item, boolean fail, long sleepMillis) {
    }

    @Singleton
    public static class Seen {
        final List<String> log = new CopyOnWriteArrayList<>();
    }

    public static class Functions {

        @Inject
        Seen seen;

        @Funq
        @Blocking
        @Trigger(source = "orders", type = "shop.order")
        public void take(Order order, @io.quarkus.funqy.Context EventContext context) throws InterruptedException {
            Thread.sleep(order.sleepMillis());
            if (order.fail()) {
                throw new IllegalStateException("cannot take " + order.item());
            }
            seen.log.add("took " + order.item() + " " + context.source() + " " + context.type() + " "
                    + !context.id().isBlank());
        }
    }

    @Inject
    Seen seen;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.spi.Connector(InMemoryConnector.CONNECTOR)
    InMemoryConnector connector;

    private Message<String> message(String item, boolean fail, long sleepMillis) {
        String json = "{\"item\":\"" + item + "\",\"fail\":" + fail + ",\"sleepMillis\":" + sleepMillis + "}";
        return Message.of(json)
                .withAck(() -> {
                    seen.log.add("ack " + item);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    seen.log.add("nack " + item + ": " + failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Test
    void aMessageGetsDerivedAttributesAndIsAckedOnlyAfterTheFunctionSucceeded() {
        connector.source("orders").send(message("book", false, 200));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.log.contains("ack book"));
        List<String> log = List.copyOf(seen.log);
        int took = log.indexOf("took book /channels/orders shop.order true");
        assertTrue(took >= 0, "the function saw the derived attributes: " + log);
        assertTrue(took < log.indexOf("ack book"), "acked after the function returned: " + log);
        assertFalse(log.stream().anyMatch(line -> line.startsWith("nack book")), log.toString());
    }

    @Test
    void aStructuredCloudEventInThePayloadKeepsItsOwnAttributes() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"order-7\",\"source\":\"/shop/eu\","
                + "\"type\":\"shop.order\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"item\":\"mug\",\"fail\":false,\"sleepMillis\":0}}";
        connector.source("orders").send(Message.of(event).withAck(() -> {
            seen.log.add("ack mug");
            return CompletableFuture.completedFuture(null);
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.log.contains("ack mug"));
        assertTrue(seen.log.contains("took mug /shop/eu shop.order true"), "the event's own source: " + seen.log);
    }

    @Test
    void aFailedDeliveryIsNackedAndNeverAcked() {
        connector.source("orders").send(message("lamp", true, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.log.stream().anyMatch(l -> l.startsWith("nack lamp")));
        assertTrue(seen.log.contains("nack lamp: cannot take lamp"), seen.log.toString());
        assertFalse(seen.log.contains("ack lamp"), seen.log.toString());
    }

    @Test
    void theChannelGoesOnAfterAFailure() {
        connector.source("orders").send(message("cup", true, 0));
        connector.source("orders").send(message("pen", false, 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.log.contains("ack pen"));
        assertEquals(1, seen.log.stream().filter(l -> l.startsWith("nack cup")).count(), seen.log.toString());
    }
}
