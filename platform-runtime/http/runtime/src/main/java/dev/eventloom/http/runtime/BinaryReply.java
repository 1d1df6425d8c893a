package dev.eventloom.http.runtime;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventloom.core.runtime.BasicEvent;
import dev.eventloom.core.runtime.HeaderValues;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.types.Time;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a reply as an HTTP response in CloudEvents binary mode: each attribute a {@code ce-} header (percent-encoded
 * as the HTTP binding says, so any value is carried byte for byte), the data
 * content type as {@code Content-Type}, the data as the body. It writes what the SDK's Vert.x writer writes, with the
 * header names encoded once and times in UTC formatted without {@link java.time.format.DateTimeFormatter}: every reply
 * to a CloudEvent answered over HTTP passes here.
 */
final class BinaryReply {

    private static final CharSequence SPECVERSION = HttpHeaders.createOptimized("ce-specversion");
    private static final CharSequence ID = HttpHeaders.createOptimized("ce-id");
    private static final CharSequence SOURCE = HttpHeaders.createOptimized("ce-source");
    private static final CharSequence TYPE = HttpHeaders.createOptimized("ce-type");
    private static final CharSequence TIME = HttpHeaders.createOptimized("ce-time");
    private static final CharSequence SUBJECT = HttpHeaders.createOptimized("ce-subject");
    private static final CharSequence DATASCHEMA = HttpHeaders.createOptimized("ce-dataschema");
    private static final Map<String, CharSequence> EXTENSIONS = new ConcurrentHashMap<>();
    private static final long FIRST_FOUR_DIGIT_YEAR = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_FOUR_DIGIT_YEAR = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    /** The last second a reply time was written in, shared by the event loops (a stale read only costs a format). */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private BinaryReply() {
    }

    static void write(HttpServerResponse response, CloudEvent reply) {
        MultiMap headers = response.headers();
        headers.add(SPECVERSION, reply.getSpecVersion().toString());
        headers.add(ID, HeaderValues.encode(reply.getId()));
        headers.add(SOURCE, HeaderValues.encode(reply.getSource().toString()));
        headers.add(TYPE, HeaderValues.encode(reply.getType()));
        if (reply instanceof BasicEvent basic) {
            headers.add(TIME, time(basic.instant()));
        } else if (reply.getTime() != null) {
            headers.add(TIME, time(reply.getTime()));
        }
        if (reply.getSubject() != null) {
            headers.add(SUBJECT, HeaderValues.encode(reply.getSubject()));
        }
        if (reply.getDataSchema() != null) {
            headers.add(DATASCHEMA, HeaderValues.encode(reply.getDataSchema().toString()));
        }
        if (reply.getDataContentType() != null) {
            headers.add(HttpHeaders.CONTENT_TYPE, reply.getDataContentType());
        }
        for (String name : reply.getExtensionNames()) {
            Object value = reply.getExtension(name);
            if (value != null) {
                headers.add(EXTENSIONS.computeIfAbsent(name, n -> HttpHeaders.createOptimized("ce-" + n)),
                        HeaderValues.encode(text(value)));
            }
        }
        CloudEventData data = reply.getData();
        if (data == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(data.toBytes()));
        }
    }

    /** An extension value as the CloudEvents type system writes it in a header. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof OffsetDateTime time) {
            return time(time);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof URI || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("extension value of type " + value.getClass().getName()
                + " has no CloudEvents representation");
    }

    /** RFC 3339 as the SDK writes it ({@code 2026-11-27T05:04:01.123456Z}); UTC without a formatter. */
    static String time(OffsetDateTime time) {
        if (!ZoneOffset.UTC.equals(time.getOffset()) || time.getYear() < 1000 || time.getYear() > 9999) {
            return Time.writeTime(time);
        }
        return utc(time.toEpochSecond(), time.getNano());
    }

    /** As {@link #time(OffsetDateTime)} for the same instant in UTC. */
    static String time(Instant time) {
        if (time.getEpochSecond() < FIRST_FOUR_DIGIT_YEAR || time.getEpochSecond() > LAST_FOUR_DIGIT_YEAR) {
            return Time.writeTime(time.atOffset(ZoneOffset.UTC));
        }
        return utc(time.getEpochSecond(), time.getNano());
    }

    private static String utc(long epochSecond, int nanos) {
        // Replies made within the same second share the text up to the seconds.
        Second second = lastSecond;
        if (second.epochSecond != epochSecond) {
            second = new Second(epochSecond, seconds(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)));
            lastSecond = second;
        }
        if (nanos == 0) {
            return second.text + 'Z';
        }
        // As DateTimeFormatter's ISO fraction: up to nine digits, trailing zeros dropped.
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        char[] text = new char[second.text.length() + 2 + digits];
        second.text.getChars(0, second.text.length(), text, 0);
        int at = second.text.length();
        text[at] = '.';
        for (int i = at + digits; i > at; i--) {
            text[i] = (char) ('0' + nanos % 10);
            nanos /= 10;
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** {@code 2026-11-27T05:04:01}: the date and time to the second. */
    private static String seconds(LocalDateTime time) {
        StringBuilder text = new StringBuilder(19);
        text.append(time.getYear()).append('-');
        two(text, time.getMonthValue()).append('-');
        two(text, time.getDayOfMonth()).append('T');
        two(text, time.getHour()).append(':');
        two(text, time.getMinute()).append(':');
        two(text, time.getSecond());
        return text.toString();
    }

    private record Second(long epochSecond, String text) {
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }
}
