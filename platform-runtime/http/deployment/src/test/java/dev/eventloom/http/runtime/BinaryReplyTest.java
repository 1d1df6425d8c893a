package dev.eventloom.http.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cloudevents.types.Time;

/** The reply writer's own time formatting must write exactly what the CloudEvents SDK writes. */
class BinaryReplyTest {

    @Test
    void utcTimesAreWrittenAsTheSdkWritesThem() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(10) * 100_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.UTC);
            assertEquals(Time.writeTime(time), BinaryReply.time(time), time.toString());
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time), BinaryReply.time(time));
            assertEquals(Time.writeTime(time), BinaryReply.time(time.toInstant()), time.toString());
        }
    }

    @Test
    void repliesWithinOneSecondAndAcrossSecondsShareNothingButTheirSecond() {
        Random random = new Random(7);
        long base = Instant.parse("2026-11-28T00:59:59Z").getEpochSecond();
        for (int i = 0; i < 5_000; i++) {
            // back and forth over three neighbouring seconds (and the minute and hour they cross), as event loops
            // writing replies stamped a moment apart do
            long seconds = base + random.nextInt(3);
            int nanos = i % 3 == 0 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000);
            OffsetDateTime time = Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time), BinaryReply.time(time), time.toString());
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time), BinaryReply.time(time.toInstant()));
        }
    }

    @Test
    void otherOffsetsAndFarYearsGoThroughTheSdk() {
        OffsetDateTime paris = OffsetDateTime.parse("2026-11-27T06:00:00.5+01:00");
        assertEquals("2026-11-27T06:00:00.5+01:00", BinaryReply.time(paris));
        OffsetDateTime early = OffsetDateTime.parse("0999-12-31T23:59:59.5Z");
        assertEquals(Time.writeTime(early), BinaryReply.time(early));
        assertEquals(Time.writeTime(early), BinaryReply.time(early.toInstant()));
        OffsetDateTime late = OffsetDateTime.parse("+10000-01-01T00:00:00Z");
        assertEquals(Time.writeTime(late), BinaryReply.time(late.toInstant()));
    }

    @Test
    void extensionValuesAreWrittenInTheirCloudEventsForm() {
        assertEquals("text", BinaryReply.text("text"));
        assertEquals("42", BinaryReply.text(42));
        assertEquals("true", BinaryReply.text(true));
        assertEquals("https://example.com/a", BinaryReply.text(URI.create("https://example.com/a")));
        assertEquals("AQID", BinaryReply.text(new byte[] { 1, 2, 3 }));
        assertEquals("2026-11-27T06:00:00Z", BinaryReply.text(OffsetDateTime.parse("2026-11-27T06:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> BinaryReply.text(new Object()));
    }
}
