package dev.eventloom.core.runtime;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * CloudEvents attribute values in HTTP headers, as the HTTP protocol binding (1.0.2, section 3.1.3.2) writes them: a
 * space, {@code "}, {@code %} and every character outside printable ASCII are percent-encoded as UTF-8 on the way out,
 * and decoded on the way in. So any string value travels in a header (a CR/LF in an id included) and comes back byte
 * for byte.
 */
public final class HeaderValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    /** The value as a header carries it; the same string when it needs no encoding (nearly always). */
    public static String encode(String value) {
        int i = 0;
        while (i < value.length() && plain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length() + 16).append(value, 0, i);
        byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
        for (byte b : rest) {
            char c = (char) (b & 0xff);
            if (plain(c)) {
                text.append(c);
            } else {
                text.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return text.toString();
    }

    /**
     * A header's value decoded: {@code %XX} sequences are UTF-8 bytes. A {@code %} not followed by two hex digits is
     * kept as it is, as senders that do not encode write it.
     */
    public static String decode(String value) {
        int percent = value.indexOf('%');
        if (percent < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        byte[] raw = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            int high = i + 2 < raw.length && raw[i] == '%' ? Character.digit(raw[i + 1], 16) : -1;
            int low = high < 0 ? -1 : Character.digit(raw[i + 2], 16);
            if (low >= 0) {
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The event with its string attributes and extensions encoded for a writer that puts them in headers as they are
     * (the SDK's HTTP writers do); the same event when none needs it.
     */
    public static CloudEvent encoded(CloudEvent event) {
        if (!needsEncoding(event)) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(event).withId(encode(event.getId()))
                .withSource(URI.create(encode(event.getSource().toString()))).withType(encode(event.getType()));
        if (event.getDataSchema() != null) {
            builder.withDataSchema(URI.create(encode(event.getDataSchema().toString())));
        }
        if (event.getSubject() != null) {
            builder.withSubject(encode(event.getSubject()));
        }
        for (String name : event.getExtensionNames()) {
            if (event.getExtension(name) instanceof String value) {
                builder.withExtension(name, encode(value));
            }
        }
        return builder.build();
    }

    private static boolean needsEncoding(CloudEvent event) {
        if (!plain(event.getId()) || !plain(event.getType()) || !plain(event.getSource().toString())
                || event.getSubject() != null && !plain(event.getSubject())
                || event.getDataSchema() != null && !plain(event.getDataSchema().toString())) {
            return true;
        }
        for (String name : event.getExtensionNames()) {
            if (event.getExtension(name) instanceof String value && !plain(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!plain(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII except {@code "} and {@code %}: written as it is. */
    private static boolean plain(char c) {
        return c > ' ' && c < 0x7f && c != '"' && c != '%';
    }
}
