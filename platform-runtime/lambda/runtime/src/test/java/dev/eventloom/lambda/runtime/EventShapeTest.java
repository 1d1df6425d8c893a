package dev.eventloom.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class EventShapeTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static boolean plain(String payload) {
        return EventShape.plainJson(MAPPER.getFactory(), payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonWithoutAnEnvelopeFieldIsPlainAndTheTreeAgrees() throws Exception {
        for (String payload : new String[] { "{\"name\":\"x\"}", "{}", "[1,{\"Records\":[]}]", "\"text\"", "42", "null",
                "{\"data\":{\"Records\":[{\"eventSource\":\"aws:sqs\"}],\"specversion\":\"1.0\"}}",
                "{\"name\":\"x\"} and trailing text the tree ignores too" }) {
            assertTrue(plain(payload), payload);
            assertEquals(EventShape.DIRECT, EventShape.of(MAPPER.readTree(payload)), payload);
        }
    }

    @Test
    void anEnvelopeFieldAtTheTopLevelLeavesItToTheTree() {
        for (String payload : new String[] { "{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}",
                "{\"name\":\"x\",\"specversion\":\"1.0\"}", "{\"version\":\"2.0\",\"requestContext\":{\"http\":{}}}",
                "{\"detail-type\":\"t\",\"source\":\"s\",\"detail\":{},\"id\":\"1\"}",
                "{\"eventSource\":\"aws:kafka\",\"records\":{}}" }) {
            assertFalse(plain(payload), payload);
        }
    }

    @Test
    void whatIsNotJsonOrIsEmptyIsLeftToTheTreeToReport() {
        for (String payload : new String[] { "", "   ", "this is { not json", "{\"a\":}", "{\"a\":1", "[1,2" }) {
            assertFalse(plain(payload), payload);
        }
    }
}
