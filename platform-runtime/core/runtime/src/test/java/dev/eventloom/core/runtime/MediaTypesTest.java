package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Data that arrives without a content type is named the same way by every binding. */
class MediaTypesTest {

    private static String sniff(String text) {
        return MediaTypes.sniff(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneJsonValueIsJson() {
        assertEquals("application/json", sniff("{\"name\":\"Ada\"}"));
        assertEquals("application/json", sniff(" [1, 2] "));
        assertEquals("application/json", sniff("\"text\""));
        assertEquals("application/json", sniff("42"));
    }

    @Test
    void textThatIsNotOneJsonValueIsUtf8Text() {
        assertEquals("text/plain; charset=utf-8", sniff("hello"));
        assertEquals("text/plain; charset=utf-8", sniff("1 2"), "two values are not a JSON document");
        assertEquals("text/plain; charset=utf-8", sniff("{\"open\":"));
        assertEquals("text/plain; charset=utf-8", sniff("café"));
        assertEquals("text/plain; charset=utf-8", sniff(""));
    }

    @Test
    void bytesThatAreNotUtf8AreOctets() {
        assertEquals("application/octet-stream", MediaTypes.sniff(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1 }));
    }
}
