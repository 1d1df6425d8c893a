package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.kafkaHeader;
import static dev.eventloom.lambda.test.AwsEvents.kafkaRecord;
import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** MSK and self-managed Kafka: in order per partition, headers readable, CloudEvents headers honoured. */
class KafkaTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    private static JsonArray tenant(String tenant) {
        return new JsonArray().add(kafkaHeader("tenant", tenant));
    }

    @Test
    void recordsAreDeliveredInOrderPerPartitionWithTheirHeaders() {
        Lambda.invoke(AwsEvents.msk(new JsonObject()
                .put("payments-0", new JsonArray()
                        .add(kafkaRecord("payments", 0, 10, person("p0-a", 50), tenant("acme")))
                        .add(kafkaRecord("payments", 0, 11, person("p0-b"), tenant("acme"))))
                .put("payments-1", new JsonArray()
                        .add(kafkaRecord("payments", 1, 5, person("p1-a"), tenant("globex"))))))
                .then().statusCode(200);
        List<String> calls = recorded.calls();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(List.of("payment:acme:p0-a", "payment:acme:p0-b"),
                calls.stream().filter(c -> c.contains("p0")).toList());
    }

    @Test
    void aFailureFailsTheInvocationSoTheBatchIsRetried() {
        Lambda.invoke(AwsEvents.msk(new JsonObject().put("payments-0", new JsonArray()
                .add(kafkaRecord("payments", 0, 10, person("bad"), tenant("acme")))
                .add(kafkaRecord("payments", 0, 11, person("later"), tenant("acme"))))))
                .then().statusCode(500)
                .body("errorMessage", containsString("payments-0-10"))
                .body("errorMessage", containsString("payments-0-11"));
        assertFalse(recorded.calls().contains("payment:acme:later"), "order within the partition is kept");
    }

    @Test
    void cloudEventsBinaryHeadersAreTheEventsAttributes() {
        JsonArray headers = new JsonArray()
                .add(kafkaHeader("ce_specversion", "1.0"))
                .add(kafkaHeader("ce_id", "evt-1"))
                .add(kafkaHeader("ce_source", "/checkout"))
                .add(kafkaHeader("ce_type", "test.greet"))
                .add(kafkaHeader("content-type", "application/json"));
        Lambda.invoke(AwsEvents.msk(new JsonObject().put("anything-0", new JsonArray()
                .add(kafkaRecord("anything", 0, 1, person("eve"), headers)))))
                .then().statusCode(200);
        assertEquals(List.of("greet:eve"), recorded.calls());
    }
}
