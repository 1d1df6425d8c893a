package dev.eventloom.examples.orders;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.eventloom.testkit.kafka.KafkaClients;
import dev.eventloom.testkit.kafka.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The pipeline on a real Kafka broker in the test JVM: a good order is invoiced, a bad one is dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = true)
class OrderPipelineTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aGoodOrderFlowsThroughEveryStepAndABadOneIsDeadLettered() throws Exception {
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap)) {
            producer.send(KafkaClients.cloudEvent("orders", "o-1", "evt-o-1", "/shop", "order.created",
                    bytes("{\"orderId\":\"o-1\",\"customer\":\"ada\",\"sku\":\"book\",\"quantity\":2}"))).get();
            producer.send(KafkaClients.cloudEvent("orders", "o-2", "evt-o-2", "/shop", "order.created",
                    bytes("{\"orderId\":\"o-2\",\"customer\":\"bob\",\"sku\":\"unicorn\",\"quantity\":1}"))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> KafkaClients.read(bootstrap, "orders", Integer.MAX_VALUE,
                Duration.ofSeconds(1)).stream()
                .anyMatch(r -> "order.invoiced".equals(KafkaClients.header(r, "ce_type"))));
        List<ConsumerRecord<String, byte[]>> topic = KafkaClients.read(bootstrap, "orders", Integer.MAX_VALUE,
                Duration.ofSeconds(2));
        ConsumerRecord<String, byte[]> invoiced = topic.stream()
                .filter(r -> "order.invoiced".equals(KafkaClients.header(r, "ce_type"))).findFirst().orElseThrow();
        assertEquals("{\"orderId\":\"o-1\",\"customer\":\"ada\",\"totalCents\":3000}",
                new String(invoiced.value(), StandardCharsets.UTF_8));
        assertTrue(topic.stream().anyMatch(r -> "stock.reserved".equals(KafkaClients.header(r, "ce_type"))
                && "evt-o-1".equals(KafkaClients.header(r, "ce_causationid"))), "each step's reply names its cause");

        List<ConsumerRecord<String, byte[]>> dead = KafkaClients.read(bootstrap, "orders-dead-letters",
                Integer.MAX_VALUE, Duration.ofSeconds(2));
        assertEquals(1, dead.size(), "only the bad order is dead-lettered");
        assertEquals("evt-o-2", KafkaClients.header(dead.get(0), "ce_id"));
        assertEquals("reserve-stock", KafkaClients.header(dead.get(0), "ce_eventloomfunction"));
        assertEquals("3", KafkaClients.header(dead.get(0), "ce_eventloomattempts"));
        assertTrue(KafkaClients.header(dead.get(0), "ce_eventloomerror").contains("unknown sku unicorn"));

        int managementPort = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("eventloom_function_dead_lettered_total{function=\"reserve-stock\"} 1.0"), metrics);
        assertTrue(metrics.contains("eventloom_function_retries_total{function=\"reserve-stock\"} 2.0"), metrics);
        assertTrue(metrics.contains("eventloom_function_successes_total{function=\"invoice\"} 1.0"), metrics);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
