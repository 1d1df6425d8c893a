package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

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
 * The CloudEvents JSON format conformance suite (cloudevents/conformance, format-tests) posted through the HTTP
 * binding: every valid event and batch is delivered with its attributes and data intact, every invalid one is refused
 * with 400 and delivers nothing. Run with {@code -Pconformance -Dfixtures.dir=<shared/fixtures>}.
 */
class CloudEventsJsonFormatConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Received.class));

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

    static JsonNode suite(String file) throws IOException {
        String root = System.getProperty("fixtures.dir");
        assertTrue(root != null && !root.isBlank() && !root.startsWith("${"),
                "set -Dfixtures.dir to the shared fixtures folder");
        Path path = Path.of(root, "cloudevents", "format-tests", "format", "json", file);
        assertTrue(Files.isRegularFile(path), "missing fixture " + path);
        return JSON.readTree(path.toFile());
    }

    @Test
    void validEventsAreDeliveredIntact() throws IOException {
        List<String> failures = new ArrayList<>();
        JsonNode tests = suite("valid-events.json").get("tests");
        for (JsonNode test : tests) {
            received.events.clear();
            JsonNode event = test.get("event");
            int status = post("application/cloudevents+json", event);
            if (status != 202) {
                failures.add(test.get("id").asText() + ": answered " + status);
            } else if (received.events.size() != 1) {
                failures.add(test.get("id").asText() + ": delivered " + received.events.size() + " events");
            } else {
                String difference = compare(event, received.events.get(0));
                if (difference != null) {
                    failures.add(test.get("id").asText() + ": " + difference);
                }
            }
        }
        assertTrue(failures.isEmpty(), tests.size() + " valid events, failures: " + failures);
    }

    @Test
    void invalidEventsAreRefusedAndDeliverNothing() throws IOException {
        List<String> failures = new ArrayList<>();
        JsonNode tests = suite("invalid-events.json").get("tests");
        for (JsonNode test : tests) {
            int status = post("application/cloudevents+json", test.get("event"));
            if (status != 400) {
                failures.add(test.get("id").asText() + ": answered " + status);
            }
        }
        assertTrue(received.events.isEmpty(), "invalid events were delivered: " + received.events);
        assertTrue(failures.isEmpty(), tests.size() + " invalid events, failures: " + failures);
    }

    @Test
    void validBatchesDeliverEachEvent() throws IOException {
        List<String> failures = new ArrayList<>();
        JsonNode tests = suite("valid-batches.json").get("tests");
        for (JsonNode test : tests) {
            received.events.clear();
            JsonNode batch = test.get("batch");
            int status = post("application/cloudevents-batch+json", batch);
            if (status != 202) {
                failures.add(test.get("id").asText() + ": answered " + status);
            } else if (received.events.size() != batch.size()) {
                failures.add(test.get("id").asText() + ": delivered " + received.events.size() + " of " + batch.size());
            }
        }
        assertTrue(failures.isEmpty(), tests.size() + " valid batches, failures: " + failures);
    }

    @Test
    void invalidBatchesAreRefusedWhole() throws IOException {
        List<String> failures = new ArrayList<>();
        JsonNode tests = suite("invalid-batches.json").get("tests");
        for (JsonNode test : tests) {
            int status = post("application/cloudevents-batch+json", test.get("batch"));
            if (status != 400) {
                failures.add(test.get("id").asText() + ": answered " + status);
            }
        }
        assertTrue(received.events.isEmpty(), "events of invalid batches were delivered: " + received.events);
        assertTrue(failures.isEmpty(), tests.size() + " invalid batches, failures: " + failures);
    }

    static int post(String contentType, JsonNode body) throws IOException {
        return given().contentType(contentType).body(JSON.writeValueAsBytes(body)).post("/").statusCode();
    }

    /** The first difference between the JSON event and the delivered one, or {@code null}. */
    static String compare(JsonNode expected, CloudEvent actual) throws IOException {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull() || name.equals("specversion")) {
                continue;
            }
            switch (name) {
                case "data" -> {
                    byte[] data = actual.getData() == null ? null : actual.getData().toBytes();
                    if (data == null) {
                        return "data lost";
                    }
                    boolean json = actual.getDataContentType() == null || actual.getDataContentType().contains("json");
                    if (json ? !JSON.readTree(data).equals(value)
                            : !new String(data, StandardCharsets.UTF_8).equals(value.asText())) {
                        return "data " + new String(data, StandardCharsets.UTF_8) + " instead of " + value;
                    }
                }
                case "data_base64" -> {
                    byte[] data = actual.getData() == null ? null : actual.getData().toBytes();
                    if (data == null || !java.util.Arrays.equals(data, Base64.getDecoder().decode(value.asText()))) {
                        return "data_base64 altered";
                    }
                }
                case "time" -> {
                    if (actual.getTime() == null
                            || !actual.getTime().toInstant().equals(OffsetDateTime.parse(value.asText()).toInstant())) {
                        return "time " + actual.getTime() + " instead of " + value.asText();
                    }
                }
                default -> {
                    String got = dev.eventloom.core.runtime.filter.Filters.attribute(actual, name);
                    String want = value.isTextual() ? value.asText() : value.toString();
                    if (!Objects.equals(got, want)) {
                        return name + " '" + got + "' instead of '" + want + "'";
                    }
                }
            }
        }
        return null;
    }
}
