package dev.eventloom.http.runtime;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.types.Time;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a reply as an HTTP response in CloudEvents binary mode: each attribute a {@code ce-} header, the data
 * content type as {@code Content-Type}, the data as the body. It writes what the SDK's Vert.x writer writes, with the
 * header names encoded once and times in UTC formatted without {@link java.time.format.DateTimeFormatter}: every reply
 * of a function answered over HTTP passes here.
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

    private BinaryReply() {
    }

    static void write(HttpServerResponse response, CloudEvent reply) {
        MultiMap headers = response.headers();
        headers.add(SPECVERSION, reply.getSpecVersion().toString());
        headers.add(ID, reply.getId());
        headers.add(SOURCE, reply.getSource().toString());
        headers.add(TYPE, reply.getType());
        if (reply.getTime() != null) {
            headers.add(TIME, time(reply.getTime()));
        }
        if (reply.getSubject() != null) {
            headers.add(SUBJECT, reply.getSubject());
        }
        if (reply.getDataSchema() != null) {
            headers.add(DATASCHEMA, reply.getDataSchema().toString());
        }
        if (reply.getDataContentType() != null) {
            headers.add(HttpHeaders.CONTENT_TYPE, reply.getDataContentType());
        }
        for (String name : reply.getExtensionNames()) {
            Object value = reply.getExtension(name);
            if (value != null) {
                headers.add(EXTENSIONS.computeIfAbsent(name, n -> HttpHeaders.createOptimized("ce-" + n)), text(value));
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
        StringBuilder text = new StringBuilder(30);
        text.append(time.getYear()).append('-');
        two(text, time.getMonthValue()).append('-');
        two(text, time.getDayOfMonth()).append('T');
        two(text, time.getHour()).append(':');
        two(text, time.getMinute()).append(':');
        two(text, time.getSecond());
        int nanos = time.getNano();
        if (nanos > 0) {
            // As DateTimeFormatter's ISO fraction: up to nine digits, trailing zeros dropped.
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            text.append('.');
            String fraction = Integer.toString(nanos);
            for (int i = fraction.length(); i < digits; i++) {
                text.append('0');
            }
            text.append(fraction);
        }
        return text.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }
}
