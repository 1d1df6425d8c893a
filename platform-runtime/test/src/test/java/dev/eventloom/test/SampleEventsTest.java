package dev.eventloom.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every source's sample event carries the data given, where that source puts it. */
class SampleEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode event(String... args) throws Exception {
        return JSON.readTree(SampleEvents.event(args[0], SampleEvents.options(args)));
    }

    @Test
    void eachSourcePutsTheBodyWhereAwsDoes(@TempDir Path dir) throws Exception {
        Path order = dir.resolve("order.json");
        Files.writeString(order, "{\"id\":7}");
        JsonNode sqs = event("sqs", "--body", "@" + order, "--body", "two", "--arn", "arn:aws:sqs:eu-west-1:1:q");
        assertEquals("{\"id\":7}", sqs.at("/Records/0/body").asText());
        assertEquals("two", sqs.at("/Records/1/body").asText());
        assertEquals("msg-1", sqs.at("/Records/1/messageId").asText());
        assertEquals("arn:aws:sqs:eu-west-1:1:q", sqs.at("/Records/0/eventSourceARN").asText());
        assertEquals("hi", event("sns", "--body", "hi").at("/Records/0/Sns/Message").asText());
        assertEquals("a/b.png", event("s3", "--arn", "uploads", "--body", "a/b.png").at("/Records/0/s3/object/key")
                .asText());
        JsonNode bus = event("eventbridge", "--arn", "com.acme", "--type", "Order Created", "--body", "{\"id\":1}");
        assertEquals("Order Created", bus.get("detail-type").asText());
        assertEquals(1, bus.at("/detail/id").asInt());
        assertEquals("Scheduled Event", event("schedule").get("detail-type").asText());
        assertEquals("click", new String(Base64.getDecoder().decode(event("kinesis", "--body", "click")
                .at("/Records/0/kinesis/data").asText()), StandardCharsets.UTF_8));
        assertEquals("7", event("dynamodb", "--body", "{\"id\":{\"N\":\"7\"}}").at("/Records/0/dynamodb/NewImage/id/N")
                .asText());
        for (String http : List.of("http-api", "rest-api", "alb", "function-url")) {
            assertEquals("{\"name\":\"Ada\"}", event(http, "--path", "/greet", "--body", "{\"name\":\"Ada\"}")
                    .get("body").asText(), http);
        }
        assertEquals("GET", event("rest-api", "--method", "GET").get("httpMethod").asText());
        JsonNode kafka = event("kafka", "--type", "orders", "--body", "v");
        assertEquals("v", new String(Base64.getDecoder().decode(kafka.at("/records/orders-0/0/value").asText()),
                StandardCharsets.UTF_8));
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> event("carrier-pigeon")).getMessage()
                .contains("carrier-pigeon"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> event("sqs", "--bdy", "x")).getMessage()
                .contains("--bdy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> event("sqs", "--body")).getMessage()
                .contains("--body"));
    }
}
