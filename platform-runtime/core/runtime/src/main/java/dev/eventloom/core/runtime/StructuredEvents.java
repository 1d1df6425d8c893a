package dev.eventloom.core.runtime;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;

/**
 * Structured CloudEvents (the JSON format) found in payloads that carry no CloudEvents metadata of their own: a queue
 * message body, a stream record, a message of a connector without a CloudEvents binding (MQTT 3, a plain AMQP or
 * RabbitMQ message). One reading for every binding.
 */
public final class StructuredEvents {

    private StructuredEvents() {
    }

    /**
     * The structured CloudEvent the payload is, or {@code null} when it is other data (not a JSON object with
     * {@code specversion} and {@code type}). One that claims to be an event but is not a valid one is refused.
     *
     * @param events a mapper with the CloudEvents SDK's Jackson module
     * @throws IllegalArgumentException for an invalid event, saying what is wrong in the sender's terms
     */
    public static CloudEvent read(byte[] payload, ObjectMapper events) throws IOException {
        if (payload == null || payload.length == 0 || payload[firstNonBlank(payload)] != '{') {
            return null;
        }
        JsonNode node;
        try {
            node = events.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject() || !node.has("specversion") || !node.has("type")) {
            return null;
        }
        JsonNode time = node.get("time");
        CloudEventValidation.validateTime(time == null || time.isNull() ? null : time.asText());
        return CloudEventValidation.validate(events.treeToValue(node, CloudEvent.class));
    }

    private static int firstNonBlank(byte[] payload) {
        int i = 0;
        while (i < payload.length - 1 && Character.isWhitespace(payload[i])) {
            i++;
        }
        return i;
    }
}
