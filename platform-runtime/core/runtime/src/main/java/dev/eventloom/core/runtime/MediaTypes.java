package dev.eventloom.core.runtime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading content types, the same way in the core and in every binding. */
public final class MediaTypes {

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
