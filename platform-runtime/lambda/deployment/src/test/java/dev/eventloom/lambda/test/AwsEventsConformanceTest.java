package dev.eventloom.lambda.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.Trigger;
import io.cloudevents.CloudEvent;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Powertools' sample AWS events ({@code ../shared/fixtures/aws-events}, not written by us) through the Lambda Runtime
 * API: every record becomes one CloudEvent whose attributes follow the CloudEvents AWS adapters (and our documented
 * mapping for the other sources), batch responses report nothing for records that succeeded, and HTTP events get the
 * proxy response their source expects. Run with {@code -Pconformance -Dfixtures.dir=<shared/fixtures>}.
 */
class AwsEventsConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Received.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.lambda.mock-event-server.test-port", "8083");

    @Singleton
    public static class Received {
        final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    }

    public static class Functions {

        @Inject
        Received received;

        @Funq
        @Trigger
        public void receive(CloudEvent event) {
            received.events.add(event);
        }
    }

    @Inject
    Received received;

    @BeforeEach
    void clear() {
        received.events.clear();
    }

    private static JsonNode fixture(String name) throws IOException {
        String dir = System.getProperty("fixtures.dir");
        assertNotNull(dir, "set -Dfixtures.dir to the shared fixtures folder");
        return JSON.readTree(Files.readString(Path.of(dir, "aws-events", name)));
    }

    private static JsonNode invoke(JsonNode event) throws IOException {
        String body = given().port(8083).contentType("application/json").body(event.toString()).post("/_lambda_")
                .then().statusCode(200).extract().asString();
        return JSON.readTree(body);
    }

    /** Invokes a batch fixture, checks the answer, and checks each CloudEvent against its record. */
    private void batch(String file, String recordsField, boolean partialResponse,
            Function<JsonNode, String> id, Function<JsonNode, String> source, Function<JsonNode, String> type) throws IOException {
        JsonNode event = fixture(file);
        List<JsonNode> records = new ArrayList<>();
        event.get(recordsField).forEach(records::add);
        JsonNode answer = invoke(event);
        if (partialResponse) {
            assertEquals(0, answer.get("batchItemFailures").size(), file + ": " + answer);
        } else {
            assertTrue(answer.isNull(), file + ": " + answer);
        }
        assertEquals(records.size(), received.events.size(), file);
        for (JsonNode record : records) {
            String expectedId = id.apply(record);
            CloudEvent delivered = received.events.stream().filter(e -> e.getId().equals(expectedId)).findFirst()
                    .orElseThrow(() -> new AssertionError(file + ": no event with id " + expectedId + " in "
                            + received.events));
            URI actual = delivered.getSource();
            assertEquals(source.apply(record), actual.isOpaque() ? actual.getScheme() + ":"
                    + actual.getSchemeSpecificPart() : actual.toString(), file + " source");
            assertEquals(type.apply(record), delivered.getType(), file + " type");
            assertEquals("1.0", delivered.getSpecVersion().toString());
        }
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at.path(part);
        }
        return at.asText();
    }

    @Test
    void sqs() throws IOException {
        for (String file : List.of("sqsEvent.json", "sqsDlqTriggerEvent.json", "snsSqsEvent.json", "snsSqsFifoEvent.json",
                "s3SqsEvent.json")) {
            received.events.clear();
            batch(file, "Records", true, r -> text(r, "messageId"), r -> text(r, "eventSourceARN"),
                    r -> "com.amazonaws.sqs.message");
            for (CloudEvent event : received.events) {
                assertNotNull(event.getTime(), file + ": SentTimestamp is the time");
            }
        }
    }

    @Test
    void sns() throws IOException {
        batch("snsEvent.json", "Records", false, r -> text(r, "Sns.MessageId"), r -> text(r, "EventSubscriptionArn"),
                r -> "com.amazonaws.sns." + text(r, "Sns.Type"));
        assertNotNull(received.events.get(0).getTime());
    }

    @Test
    void s3() throws IOException {
        for (String file : List.of("s3Event.json", "s3EventDecodedKey.json", "s3EventDeleteObject.json",
                "s3EventGlacier.json")) {
            received.events.clear();
            batch(file, "Records", false,
                    r -> text(r, "responseElements.x-amz-request-id") + "." + text(r, "responseElements.x-amz-id-2"),
                    r -> text(r, "eventSource") + "." + text(r, "awsRegion") + "." + text(r, "s3.bucket.name"),
                    r -> "com.amazonaws.s3." + text(r, "eventName"));
            CloudEvent event = received.events.get(0);
            JsonNode record = fixture(file).get("Records").get(0);
            assertEquals(text(record, "s3.object.key"), event.getSubject(), file);
            assertNotNull(event.getTime(), file);
        }
    }

    @Test
    void kinesis() throws IOException {
        batch("kinesisStreamEvent.json", "Records", true, r -> text(r, "eventID"), r -> text(r, "eventSourceARN"),
                r -> "com.amazonaws.kinesis.record");
        JsonNode first = fixture("kinesisStreamEvent.json").get("Records").get(0);
        CloudEvent event = received.events.stream().filter(e -> e.getId().equals(text(first, "eventID"))).findFirst()
                .orElseThrow();
        assertEquals(text(first, "kinesis.partitionKey"), event.getSubject());
        assertEquals(new String(Base64.getDecoder().decode(text(first, "kinesis.data"))),
                new String(event.getData().toBytes()), "data is decoded from base64");
    }

    @Test
    void dynamodb() throws IOException {
        batch("dynamoStreamEvent.json", "Records", true, r -> text(r, "eventID"), r -> text(r, "eventSourceARN"),
                r -> "com.amazonaws.dynamodb." + text(r, "eventName"));
    }

    @Test
    void kafka() throws IOException {
        for (String file : List.of("kafkaEventMsk.json", "kafkaEventSelfManaged.json")) {
            received.events.clear();
            JsonNode event = fixture(file);
            JsonNode answer = invoke(event);
            assertTrue(answer.isNull(), file + ": " + answer);
            List<JsonNode> records = new ArrayList<>();
            event.get("records").forEach(partition -> partition.forEach(records::add));
            assertEquals(records.size(), received.events.size(), file);
            for (JsonNode record : records) {
                String id = text(record, "topic") + "-" + text(record, "partition") + "-" + text(record, "offset");
                CloudEvent delivered = received.events.stream().filter(e -> e.getId().equals(id)).findFirst()
                        .orElseThrow(() -> new AssertionError(file + ": no event " + id));
                assertEquals("com.amazonaws.kafka.record", delivered.getType(), file);
                assertEquals(new String(Base64.getDecoder().decode(text(record, "value"))),
                        new String(delivered.getData().toBytes()), file + ": value decoded");
            }
        }
    }

    @Test
    void eventBridge() throws IOException {
        JsonNode event = fixture("eventBridgeEvent.json");
        assertTrue(invoke(event).isNull());
        CloudEvent delivered = received.events.get(0);
        assertEquals(text(event, "id"), delivered.getId());
        assertEquals(text(event, "source"), delivered.getSource().toString());
        assertEquals(text(event, "detail-type"), delivered.getType());
        assertEquals(event.get("detail"), JSON.readTree(delivered.getData().toBytes()));
        for (String file : List.of("s3EventBridgeNotificationObjectCreatedEvent.json",
                "s3EventBridgeNotificationObjectDeletedEvent.json")) {
            received.events.clear();
            JsonNode s3 = fixture(file);
            assertTrue(invoke(s3).isNull());
            CloudEvent viaBridge = received.events.get(0);
            assertEquals("aws:s3." + text(s3, "region") + "." + text(s3, "detail.bucket.name"),
                    viaBridge.getSource().toString(), file);
            assertTrue(viaBridge.getType().startsWith("com.amazonaws.s3.Object"), file);
            assertEquals(text(s3, "detail.object.key"), viaBridge.getSubject(), file);
        }
    }

    @Test
    void httpEventsGetTheProxyResponseOfTheirSource() throws IOException {
        for (String file : List.of("apiGatewayProxyEvent.json", "apiGatewayProxyEventAnotherPath.json",
                "apiGatewayProxyOtherEvent.json", "apiGatewayProxyEventPathTrailingSlash.json")) {
            JsonNode event = fixture(file);
            if (event.path("isBase64Encoded").asBoolean() && !isBase64(event.path("body").asText())) {
                // some samples claim base64 for plain text: a clear error, not a guess
                given().port(8083).contentType("application/json").body(event.toString()).post("/_lambda_")
                        .then().statusCode(500).body(org.hamcrest.Matchers.containsString("isBase64Encoded"));
                continue;
            }
            JsonNode answer = invoke(event);
            assertTrue(answer.get("statusCode").isInt(), file + ": " + answer);
            assertTrue(answer.get("multiValueHeaders").isObject(), file + ": REST API requests use multiValueHeaders");
            assertTrue(answer.get("isBase64Encoded").isBoolean(), file);
        }
        for (String file : List.of("apiGatewayProxyV2Event.json", "apiGatewayProxyV2Event_GET.json",
                "lambdaFunctionUrlEvent.json", "lambdaFunctionUrlIAMEvent.json")) {
            JsonNode answer = invoke(fixture(file));
            assertTrue(answer.get("statusCode").isInt(), file + ": " + answer);
            assertTrue(answer.get("headers").isObject(), file);
            assertTrue(answer.get("body").isTextual(), file);
        }
        JsonNode alb = invoke(fixture("albMultiValueHeadersEvent.json"));
        assertTrue(alb.get("multiValueHeaders").isObject(), alb.toString());
        assertTrue(alb.get("statusDescription").asText().startsWith(alb.get("statusCode").asText() + " "));
        JsonNode single = invoke(fixture("albEvent.json"));
        assertTrue(single.get("headers").isObject(), single.toString());
        // a POST of a CloudEvent through API Gateway reaches the function
        JsonNode post = fixture("apiGatewayProxyV2Event.json").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) post).put("rawPath", "/receive")
                .put("body", "{\"a\":1}").put("isBase64Encoded", false);
        ((com.fasterxml.jackson.databind.node.ObjectNode) post.get("requestContext").get("http")).put("method", "POST");
        ((com.fasterxml.jackson.databind.node.ObjectNode) post.get("headers")).put("content-type", "application/json");
        received.events.clear();
        JsonNode answer = invoke(post);
        assertEquals(204, answer.get("statusCode").asInt(), answer.toString());
        assertEquals(1, received.events.size());
    }
}
