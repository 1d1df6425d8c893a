package dev.eventloom.core.runtime;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;

/** Binds a function's input parameter from an event, as its {@link InputKind} says. Built once per function. */
final class InputBinder {

    private final String functionName;
    private final InputKind kind;
    private final InputKind dataKind;
    private final JavaType dataType;
    private final ObjectReader reader;
    private final ObjectMapper mapper;

    InputBinder(FunctionMetadata metadata, ObjectMapper mapper, ClassLoader loader) {
        this.mapper = mapper;
        this.functionName = metadata.getName();
        this.kind = metadata.getInputKind();
        this.dataKind = kind == InputKind.TYPED_CLOUD_EVENT ? metadata.getDataKind() : kind;
        if (dataKind == InputKind.JSON) {
            this.dataType = JavaTypes.parse(mapper.getTypeFactory(), metadata.getInputType(), loader);
            this.reader = mapper.readerFor(dataType);
        } else {
            this.dataType = null;
            this.reader = null;
        }
    }

    Object bind(CloudEvent event) {
        return switch (kind) {
            case NONE -> null;
            case SDK_CLOUD_EVENT -> event;
            case TYPED_CLOUD_EVENT -> typed(event, data(event));
            default -> data(event);
        };
    }

    private Object data(CloudEvent event) {
        CloudEventData data = event.getData();
        byte[] bytes = data == null ? null : data.toBytes();
        return switch (dataKind) {
            case BYTES -> bytes;
            case STRING -> bytes == null ? null : text(event, bytes);
            case JSON -> json(event, bytes);
            default -> throw new IllegalStateException("Unexpected data kind " + dataKind);
        };
    }

    private String text(CloudEvent event, byte[] bytes) {
        if (MediaTypes.isJson(event.getDataContentType()) && bytes.length > 0 && bytes[0] == '"') {
            try {
                return mapper.readValue(bytes, String.class);
            } catch (IOException e) {
                throw invalid(event, "data is not a valid JSON string: " + JsonErrors.describe(e));
            }
        }
        return new String(bytes, MediaTypes.charset(event.getDataContentType()));
    }

    private Object json(CloudEvent event, byte[] bytes) {
        String contentType = event.getDataContentType();
        if (contentType != null && !MediaTypes.isJson(contentType)) {
            throw new EventloomException(Kind.UNSUPPORTED_CONTENT_TYPE, "Function '" + functionName + "' reads JSON "
                    + "but event " + event.getId() + " carries " + contentType + "; send application/json");
        }
        if (bytes == null || bytes.length == 0) {
            if (dataType.isPrimitive()) {
                throw invalid(event, "it has no data, and the function needs a " + jsonKind());
            }
            return null;
        }
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw invalid(event, "its data does not bind to " + simpleName() + ": " + JsonErrors.describe(e));
        }
    }

    private Object typed(CloudEvent event, Object data) {
        Map<String, Object> extensions = new HashMap<>();
        for (String name : event.getExtensionNames()) {
            extensions.put(name, event.getExtension(name));
        }
        return new dev.eventloom.CloudEvent<>(event.getId(), event.getSource(), event.getType(), event.getSubject(),
                event.getTime(), event.getDataContentType(), event.getDataSchema(), extensions, data);
    }

    private EventloomException invalid(CloudEvent event, String problem) {
        return new EventloomException(Kind.INVALID_INPUT,
                "Function '" + functionName + "' cannot take event " + event.getId() + ": " + problem);
    }

    private String simpleName() {
        return dataType.getRawClass().getSimpleName() + (dataType.containedTypeCount() > 0 ? "<...>" : "");
    }

    /** What JSON value a primitive input reads. */
    private String jsonKind() {
        Class<?> raw = dataType.getRawClass();
        return raw == boolean.class ? "boolean" : raw == char.class ? "one-character string" : "number";
    }
}
