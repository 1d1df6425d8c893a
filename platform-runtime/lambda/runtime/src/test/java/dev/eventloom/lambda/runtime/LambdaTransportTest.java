package dev.eventloom.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class LambdaTransportTest {

    @Test
    void theRecordIsReadOnlyWhenAFunctionAsksForItAndOnce() throws Exception {
        JsonNode record = new ObjectMapper().readTree("{\"name\":\"x\"}");
        AtomicInteger reads = new AtomicInteger();
        LambdaTransport transport = new LambdaTransport(null, () -> {
            reads.incrementAndGet();
            return record;
        }, Map.of(), null);

        assertTrue(transport.unwrap(String.class).isEmpty());
        assertEquals(0, reads.get(), "nothing asked for the record");
        assertSame(record, transport.unwrap(JsonNode.class).orElseThrow());
        assertSame(record, transport.unwrap(ObjectNode.class).orElseThrow());
        assertTrue(transport.unwrap(com.fasterxml.jackson.databind.node.ArrayNode.class).isEmpty());
        assertEquals(1, reads.get());
    }
}
