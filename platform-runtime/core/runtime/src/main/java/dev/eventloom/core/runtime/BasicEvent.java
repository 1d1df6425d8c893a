package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.data.BytesCloudEventData;

/**
 * A CloudEvent 1.0 with its required attributes, a time, bytes of data and at most one extension: the event Eventloom
 * makes for every plain request (Funqy-style JSON to {@code /{function}}) and the reply to every function that returns
 * a value. The SDK's builder would copy each attribute into a builder, then into the event, with a map for the
 * extensions; this costs one object. It behaves as the SDK's events do: attributes by name, the extension by name,
 * equality by attributes, extensions and data.
 */
public final class BasicEvent implements CloudEvent {

    private final String id;
    private final URI source;
    private final String type;
    private final Instant instant;
    /** The time as the API gives it, made when first asked for: most events are never asked. */
    private OffsetDateTime time;
    private final String dataContentType;
    private final CloudEventData data;
    private final String extensionName;
    private final String extensionValue;

    private BasicEvent(URI source, String type, String dataContentType, byte[] data, String extensionName,
            String extensionValue) {
        this.id = EventIds.next();
        this.source = Objects.requireNonNull(source, "source");
        this.type = Objects.requireNonNull(type, "type");
        this.instant = Instant.now();
        this.dataContentType = dataContentType;
        this.data = data == null ? null : BytesCloudEventData.wrap(data);
        this.extensionName = extensionName;
        this.extensionValue = extensionValue;
    }

    /** A new event with a fresh id, stamped now, carrying {@code data} (may be {@code null}) as {@code contentType}. */
    public static BasicEvent now(URI source, String type, String contentType, byte[] data) {
        return new BasicEvent(source, type, contentType, data, null, null);
    }

    /** As {@link #now(URI, String, String, byte[])}, with one string extension (a valid CloudEvents extension name). */
    static BasicEvent now(URI source, String type, String contentType, byte[] data, String extensionName,
            String extensionValue) {
        return new BasicEvent(source, type, contentType, data, Objects.requireNonNull(extensionName, "extension name"),
                Objects.requireNonNull(extensionValue, extensionName));
    }

    @Override
    public SpecVersion getSpecVersion() {
        return SpecVersion.V1;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public URI getSource() {
        return source;
    }

    @Override
    public String getDataContentType() {
        return dataContentType;
    }

    @Override
    public URI getDataSchema() {
        return null;
    }

    @Override
    public String getSubject() {
        return null;
    }

    @Override
    public OffsetDateTime getTime() {
        OffsetDateTime made = time;
        if (made == null) {
            made = instant.atOffset(ZoneOffset.UTC);
            time = made;
        }
        return made;
    }

    /** The time as an instant: what writers that format it themselves read, without making an OffsetDateTime. */
    public Instant instant() {
        return instant;
    }

    @Override
    public CloudEventData getData() {
        return data;
    }

    @Override
    public Object getAttribute(String attributeName) {
        return switch (attributeName) {
            case "specversion" -> SpecVersion.V1;
            case "id" -> id;
            case "source" -> source;
            case "type" -> type;
            case "datacontenttype" -> dataContentType;
            case "time" -> getTime();
            case "dataschema", "subject" -> null;
            default -> throw new IllegalArgumentException("'" + attributeName
                    + "' is not a CloudEvents 1.0 attribute; the attributes are " + SpecVersion.V1.getAllAttributes());
        };
    }

    @Override
    public Object getExtension(String name) {
        return name.equals(extensionName) ? extensionValue : null;
    }

    @Override
    public Set<String> getExtensionNames() {
        return extensionName == null ? Set.of() : Set.of(extensionName);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CloudEvent event) || event.getSpecVersion() != SpecVersion.V1) {
            return false;
        }
        for (String attribute : SpecVersion.V1.getAllAttributes()) {
            if (!Objects.equals(getAttribute(attribute), event.getAttribute(attribute))) {
                return false;
            }
        }
        if (!getExtensionNames().equals(event.getExtensionNames())
                || (extensionName != null && !extensionValue.equals(event.getExtension(extensionName)))) {
            return false;
        }
        CloudEventData otherData = event.getData();
        return data == null ? otherData == null : otherData != null && Arrays.equals(data.toBytes(), otherData.toBytes());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, source, type);
    }

    @Override
    public String toString() {
        return "CloudEvent{id='" + id + "', source=" + source + ", type='" + type + "', time=" + instant
                + (dataContentType == null ? "" : ", datacontenttype='" + dataContentType + "'")
                + (extensionName == null ? "" : ", " + extensionName + "='" + extensionValue + "'")
                + (data == null ? "" : ", data=" + data.toBytes().length + " bytes") + "}";
    }
}
