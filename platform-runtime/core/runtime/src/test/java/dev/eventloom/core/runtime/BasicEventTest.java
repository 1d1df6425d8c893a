package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

/** The event made for plain requests and replies must read, copy and serialize as the SDK's own events do. */
class BasicEventTest {

    private static final URI SOURCE = URI.create("urn:eventloom:function:greet");
    private static final byte[] DATA = "{\"message\":\"Hello x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReplyHasAFreshIdItsTimeItsDataAndItsCause() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        BasicEvent reply = BasicEvent.now(SOURCE, "greeting.sent", "application/json", DATA, "causationid", "req-1");

        assertEquals(SpecVersion.V1, reply.getSpecVersion());
        assertEquals(36, reply.getId().length());
        assertNotEquals(reply.getId(),
                BasicEvent.now(SOURCE, "greeting.sent", "application/json", DATA, "causationid", "req-1").getId());
        assertEquals(SOURCE, reply.getSource());
        assertEquals("greeting.sent", reply.getType());
        assertEquals(ZoneOffset.UTC, reply.getTime().getOffset());
        assertEquals(reply.instant(), reply.getTime().toInstant());
        assertTrue(Duration.between(before, reply.getTime()).abs().toSeconds() < 5);
        assertEquals("application/json", reply.getDataContentType());
        assertArrayEquals(DATA, reply.getData().toBytes());
        assertEquals(Set.of("causationid"), reply.getExtensionNames());
        assertEquals("req-1", reply.getExtension("causationid"));
        assertNull(reply.getExtension("other"));
        assertNull(reply.getSubject());
        assertNull(reply.getDataSchema());
    }

    @Test
    void attributesReadByNameAsTheSdkNamesThem() {
        BasicEvent event = BasicEvent.now(SOURCE, "plain", null, null);
        CloudEvent sdk = CloudEventBuilder.v1(event).build();
        for (String attribute : SpecVersion.V1.getAllAttributes()) {
            assertEquals(sdk.getAttribute(attribute), event.getAttribute(attribute), attribute);
        }
        assertTrue(event.getExtensionNames().isEmpty());
        assertNull(event.getData());
        assertThrows(IllegalArgumentException.class, () -> event.getAttribute("causationid"));
    }

    @Test
    void anSdkCopyIsEqualAndSerializesTheSame() {
        BasicEvent reply = BasicEvent.now(SOURCE, "greeting.sent", "application/json", DATA, "causationid", "req-1");
        CloudEvent copy = CloudEventBuilder.v1(reply).build();

        assertEquals(reply, copy);
        JsonFormat json = new JsonFormat();
        assertEquals(new String(json.serialize(copy), StandardCharsets.UTF_8),
                new String(json.serialize(reply), StandardCharsets.UTF_8));
        assertEquals(reply, json.deserialize(json.serialize(reply)));
    }

    @Test
    void eventsThatDifferInAnythingAreNotEqual() {
        BasicEvent reply = BasicEvent.now(SOURCE, "greeting.sent", "application/json", DATA, "causationid", "req-1");
        CloudEvent copy = CloudEventBuilder.v1(reply).build();

        assertNotEquals(reply, CloudEventBuilder.v1(copy).withType("other").build());
        assertNotEquals(reply, CloudEventBuilder.v1(copy).withExtension("causationid", "req-2").build());
        assertNotEquals(reply, CloudEventBuilder.v1(copy).withExtension("tier", "gold").build());
        assertNotEquals(reply, CloudEventBuilder.v1(copy).withData("application/json", "{}".getBytes()).build());
        assertNotEquals(reply, CloudEventBuilder.v1(copy).withoutData().build());
        assertNotEquals(reply, BasicEvent.now(SOURCE, "greeting.sent", "application/json", DATA, "causationid", "req-1"));
    }
}
