package dev.eventloom.core.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

/** Reading content types, the same way in the core and in every binding. */
public final class MediaTypes {

    private static final JsonFactory JSON = new JsonFactory();

    private MediaTypes() {
    }

    /** The type/subtype without parameters, lowercase; empty for {@code null}. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether data of this content type is JSON; data without a content type is taken as JSON. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String essence = essence(contentType);
        return essence.equals("application/json") || essence.endsWith("+json") || essence.equals("text/json");
    }

    /**
     * The content type of data that arrived without one (a queue message, a stream record): {@code application/json}
     * when it is one JSON value, {@code text/plain; charset=utf-8} when it is UTF-8 text, else
     * {@code application/octet-stream}. Every binding guesses the same way.
     */
    public static String sniff(byte[] data) {
        if (data.length > 0 && isOneJsonValue(data)) {
            return "application/json";
        }
        return isUtf8(data) ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    private static boolean isOneJsonValue(byte[] data) {
        try (JsonParser parser = JSON.createParser(data)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] data) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The charset a content type names, UTF-8 when it names none or one this JVM does not know. */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                    try {
                        return Charset.forName(pair[1].strip().replace("\"", ""));
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
