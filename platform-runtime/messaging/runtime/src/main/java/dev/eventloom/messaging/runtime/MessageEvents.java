package dev.eventloom.messaging.runtime;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.CloudEventValidation;
import dev.eventloom.core.runtime.EventIds;
import dev.eventloom.core.runtime.MediaTypes;
import dev.eventloom.core.runtime.StructuredEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Messages to CloudEvents and back. A message that carries a CloudEvent (the connector's CloudEvents metadata: Kafka
 * binary {@code ce_} headers or structured) keeps its attributes; any other message gets derived ones: the id from
 * topic, partition and offset (or a fresh one), the source naming the topic or channel, the channel's type, the record
 * key as subject and {@code partitionkey}, the record time.
 */
final class MessageEvents {

    private static final boolean KAFKA = present("io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata")
            && present("org.apache.kafka.common.header.Header");

    private static final EventFormat STRUCTURED = EventFormatProvider.getInstance()
            .resolveFormat(JsonFormat.CONTENT_TYPE);

    private final ObjectMapper mapper;
    /** The mapper with the CloudEvents SDK's Jackson module, for structured events in payloads. */
    private final ObjectMapper events;

    MessageEvents(ObjectMapper mapper) {
        this.mapper = mapper;
        this.events = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MessageEvents.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The record's headers as text, for {@code EventContext.header(name)}. */
    Map<String, List<String>> headers(Message<?> message) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (KAFKA) {
            message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresent(kafka -> {
                for (Header header : kafka.getHeaders()) {
                    headers.computeIfAbsent(header.key(), k -> new ArrayList<>()).add(header.value() == null ? ""
                            : new String(header.value(), StandardCharsets.UTF_8));
                }
            });
        }
        return headers;
    }

    @SuppressWarnings("unchecked")
    CloudEvent toCloudEvent(String channel, String type, Message<?> message) throws java.io.IOException {
        byte[] data = bytes(message.getPayload());
        var cloudEvent = message.getMetadata(IncomingCloudEventMetadata.class);
        if (cloudEvent.isPresent()) {
            return fromMetadata(cloudEvent.get(), data);
        }
        // A connector without a CloudEvents binding (MQTT 3, plain AMQP or RabbitMQ) carries structured events as is.
        CloudEvent structured = StructuredEvents.read(data, events);
        if (structured != null) {
            return structured;
        }
        CloudEventBuilder builder = CloudEventBuilder.v1().withType(type);
        IncomingKafkaRecordMetadata<Object, Object> kafka = KAFKA
                ? message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null) : null;
        if (kafka != null) {
            builder.withId(kafka.getTopic() + "-" + kafka.getPartition() + "-" + kafka.getOffset())
                    .withSource(URI.create("/topics/" + kafka.getTopic()));
            if (kafka.getKey() != null) {
                String key = kafka.getKey() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : kafka.getKey().toString();
                builder.withSubject(key).withExtension("partitionkey", key);
            }
            if (kafka.getTimestamp() != null && kafka.getTimestamp().toEpochMilli() > 0) {
                builder.withTime(kafka.getTimestamp().atOffset(ZoneOffset.UTC));
            }
        } else {
            builder.withId(EventIds.next()).withSource(URI.create("/channels/" + channel))
                    .withTime(Instant.now().atOffset(ZoneOffset.UTC));
        }
        if (data != null) {
            String contentType = kafka == null ? null : contentTypeHeader(kafka);
            builder.withData(contentType != null ? contentType : MediaTypes.sniff(data), data);
        }
        return builder.build();
    }

    private static String contentTypeHeader(IncomingKafkaRecordMetadata<?, ?> kafka) {
        Header header = kafka.getHeaders().lastHeader("content-type");
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private CloudEvent fromMetadata(CloudEventMetadata<?> metadata, byte[] data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(metadata.getId())
                .withSource(metadata.getSource())
                .withType(metadata.getType());
        metadata.getSubject().ifPresent(builder::withSubject);
        metadata.getDataSchema().ifPresent(builder::withDataSchema);
        metadata.getTimeStamp().ifPresent(time -> builder.withTime(time.toOffsetDateTime()));
        metadata.getExtensions().forEach((name, value) -> {
            if (!name.equals("kafkatopic")) {
                builder.withExtension(name, String.valueOf(value));
            }
        });
        String contentType = metadata.getDataContentType().orElse(null);
        if (data != null) {
            builder.withData(contentType, data);
        } else if (contentType != null) {
            builder.withDataContentType(contentType);
        }
        return CloudEventValidation.validate(builder.build());
    }

    private byte[] bytes(Object payload) throws java.io.IOException {
        if (payload == null) {
            return null;
        }
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof io.vertx.core.json.JsonObject json) {
            return json.toBuffer().getBytes();
        }
        if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        return mapper.writeValueAsBytes(payload);
    }

    /** A CloudEvent as an outgoing message: its data as the payload, its attributes as CloudEvents metadata. */
    Message<byte[]> toMessage(CloudEvent event) {
        OutgoingCloudEventMetadataBuilder<byte[]> metadata = OutgoingCloudEventMetadata.<byte[]> builder()
                .withId(event.getId())
                .withSource(event.getSource())
                .withType(event.getType());
        if (event.getSubject() != null) {
            metadata.withSubject(event.getSubject());
        }
        if (event.getDataContentType() != null) {
            metadata.withDataContentType(event.getDataContentType());
        }
        if (event.getDataSchema() != null) {
            metadata.withDataSchema(event.getDataSchema());
        }
        if (event.getTime() != null) {
            metadata.withTimestamp(event.getTime().toZonedDateTime());
        }
        for (String name : event.getExtensionNames()) {
            metadata.withExtension(name, String.valueOf(event.getExtension(name)));
        }
        byte[] payload = event.getData() == null ? new byte[0] : event.getData().toBytes();
        Message<byte[]> message = Message.of(payload).addMetadata(metadata.build());
        Object key = event.getExtension("partitionkey");
        if (KAFKA && key != null) {
            message = message.addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(key.toString()).build());
        }
        return message;
    }

    /** A CloudEvent as an outgoing message in structured mode: the whole event as the JSON payload. */
    Message<byte[]> toStructuredMessage(CloudEvent event) {
        return Message.of(STRUCTURED.serialize(event));
    }

    /** A message that is not a readable event, wrapped so it can go to a dead letter with what was wrong. */
    CloudEvent undecodable(String channel, Message<?> message, Exception problem) {
        byte[] data;
        try {
            data = bytes(message.getPayload());
        } catch (java.io.IOException | RuntimeException e) {
            data = String.valueOf(message.getPayload()).getBytes(StandardCharsets.UTF_8);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(EventIds.next())
                .withSource(URI.create("/channels/" + channel)).withType("dev.eventloom.message.undecodable")
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withExtension("eventloomerrortype", "invalid_input")
                .withExtension("eventloomerror", String.valueOf(problem.getMessage()));
        return data == null ? builder.build() : builder.withData("application/octet-stream", data).build();
    }
}
