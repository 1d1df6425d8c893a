package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;

/**
 * The CloudEvents 1.0 rules the SDK's readers do not enforce: required attributes must be non-empty, optional ones
 * non-empty when present, {@code datacontenttype} a media type and {@code time} an RFC 3339 timestamp. Every binding
 * checks what it receives with these, so an invalid event is refused the same way whatever its transport.
 */
public final class CloudEventValidation {

    private static final Pattern MEDIA_TYPE = Pattern
            .compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+\\s*(;.*)?");
    private static final Pattern RFC_3339 = Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private CloudEventValidation() {
    }

    /**
     * @throws EventloomException of kind {@link Kind#INVALID_INPUT} naming every broken rule
     */
    public static CloudEvent validate(CloudEvent event) {
        List<String> problems = new ArrayList<>(0);
        if (event.getId() == null || event.getId().isEmpty()) {
            problems.add("'id' must not be empty");
        }
        if (event.getSource() == null || event.getSource().toString().isEmpty()) {
            problems.add("'source' must not be empty");
        }
        if (event.getType() == null || event.getType().isEmpty()) {
            problems.add("'type' must not be empty");
        }
        if (event.getSubject() != null && event.getSubject().isEmpty()) {
            problems.add("'subject' must not be empty when present");
        }
        if (event.getDataSchema() != null && event.getDataSchema().toString().isEmpty()) {
            problems.add("'dataschema' must not be empty when present");
        }
        if (event.getDataContentType() != null && !mediaType(event.getDataContentType())) {
            problems.add("'datacontenttype' must be a media type such as application/json, got '"
                    + event.getDataContentType() + "'");
        }
        if (!problems.isEmpty()) {
            throw new EventloomException(Kind.INVALID_INPUT, "Invalid CloudEvent"
                    + (event.getId() == null || event.getId().isEmpty() ? "" : " " + event.getId()) + ": "
                    + String.join("; ", problems));
        }
        return event;
    }

    /** {@code type/subtype}, then optional parameters; the common types skip the pattern. */
    private static boolean mediaType(String value) {
        return switch (value) {
            case "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
                    "text/plain", "text/plain; charset=utf-8", "application/octet-stream", "application/xml",
                    "application/cloudevents+json", "application/protobuf", "application/avro" -> true;
            default -> MEDIA_TYPE.matcher(value).matches();
        };
    }

    /**
     * Checks a {@code time} attribute as written on the wire; the SDK also accepts timestamps without seconds.
     *
     * @throws EventloomException of kind {@link Kind#INVALID_INPUT}
     */
    public static void validateTime(String time) {
        if (time != null && !RFC_3339.matcher(time).matches()) {
            throw new EventloomException(Kind.INVALID_INPUT,
                    "Invalid CloudEvent: 'time' must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z, got '" + time
                            + "'");
        }
    }
}
