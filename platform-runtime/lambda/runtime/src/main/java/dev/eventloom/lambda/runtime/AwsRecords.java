package dev.eventloom.lambda.runtime;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.CloudEventValidation;
import dev.eventloom.core.runtime.DeliveryTracing;
import dev.eventloom.core.runtime.MediaTypes;
import dev.eventloom.core.runtime.StructuredEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;

/**
 * Converts the records of AWS event sources to CloudEvents. S3, SNS, SQS and Kinesis follow the CloudEvents AWS
 * adapters; the others follow the same pattern (documented in the README). A payload that is itself a structured
 * CloudEvent (a producer that sends CloudEvents through a queue) is taken as that event; Kafka records with
 * {@code ce_} headers are read with the CloudEvents Kafka binding's rules.
 */
final class AwsRecords {

    static final String SQS_TYPE = "com.amazonaws.sqs.message";
    static final String KINESIS_TYPE = "com.amazonaws.kinesis.record";
    static final String KAFKA_TYPE = "com.amazonaws.kafka.record";

    private final ObjectMapper events;

    AwsRecords(ObjectMapper mapper) {
        this.events = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
    }

    /** The records of a batch event, each converted or marked invalid; never throws for one bad record. */
    List<LambdaRecord> records(EventShape shape, JsonNode event) {
        List<LambdaRecord> records = new ArrayList<>();
        if (shape == EventShape.KAFKA) {
            event.path("records").properties().forEach(partition -> {
                for (JsonNode record : partition.getValue()) {
                    records.add(convert(() -> kafka(event, partition.getKey(), record),
                            Json.text(record, "topic") + "-" + Json.text(record, "partition") + "-"
                                    + Json.text(record, "offset"), record, partition.getKey()));
                }
            });
            return records;
        }
        if (shape == EventShape.EVENTBRIDGE) {
            records.add(convert(() -> eventBridge(event), Json.text(event, "id"), event, null));
            return records;
        }
        for (JsonNode record : event.path("Records")) {
            String orderKey = orderKey(shape, record, null);
            records.add(switch (shape) {
                case SQS -> convert(() -> sqs(record, orderKey), Json.text(record, "messageId"), record, orderKey);
                case SNS -> convert(() -> sns(record), Json.text(record.path("Sns"), "MessageId"), record, null);
                case S3 -> convert(() -> s3(record), s3Id(record), record, null);
                case KINESIS -> convert(() -> kinesis(record, orderKey),
                        Json.text(record.path("kinesis"), "sequenceNumber"), record, orderKey);
                case DYNAMODB -> convert(() -> dynamodb(record, orderKey),
                        Json.text(record.path("dynamodb"), "SequenceNumber"), record, orderKey);
                default -> throw new IllegalStateException("not a batch: " + shape);
            });
        }
        return records;
    }

    private interface Conversion {
        LambdaRecord convert() throws Exception;
    }

    /** Converts one record; one that cannot be converted keeps its identifier and place in its ordered group. */
    private static LambdaRecord convert(Conversion conversion, String itemIdentifier, JsonNode raw, String orderKey) {
        try {
            return conversion.convert();
        } catch (Exception e) {
            return LambdaRecord.invalid(itemIdentifier, "Record " + itemIdentifier + " cannot be converted to a "
                    + "CloudEvent: " + e.getMessage(), orderKey, raw);
        }
    }

    /**
     * Which records must stay in order: FIFO SQS messages per queue and message group, stream records per shard
     * (a DynamoDB batch is one shard), Kafka records per partition; {@code null} for the others.
     */
    static String orderKey(EventShape shape, JsonNode record, String kafkaPartition) {
        return switch (shape) {
            case SQS -> {
                String queue = Json.text(record, "eventSourceARN");
                yield queue != null && queue.endsWith(".fifo")
                        ? queue + "#" + Objects.toString(Json.text(record.path("attributes"), "MessageGroupId"), "")
                        : null;
            }
            case KINESIS -> {
                String eventId = Objects.toString(Json.text(record, "eventID"), "");
                yield Json.text(record, "eventSourceARN") + "#"
                        + (eventId.contains(":") ? eventId.substring(0, eventId.indexOf(':')) : "");
            }
            case DYNAMODB -> Objects.toString(Json.text(record, "eventSourceARN"), "");
            case KAFKA -> kafkaPartition;
            default -> null;
        };
    }

    private LambdaRecord sqs(JsonNode record, String orderKey) throws Exception {
        String id = Json.required(record, "messageId", "The SQS record");
        String queue = Json.required(record, "eventSourceARN", "SQS message " + id);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        record.path("messageAttributes").properties().forEach(attribute -> {
            String value = Json.text(attribute.getValue(), "stringValue");
            if (value != null) {
                headers.put(attribute.getKey(), List.of(value));
            }
        });
        byte[] body = text(record, "body");
        CloudEvent event = structured(body);
        if (event == null) {
            CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withSource(uri(queue))
                    .withType(SQS_TYPE);
            String sent = Json.text(record.path("attributes"), "SentTimestamp");
            if (sent != null) {
                builder.withTime(epochMillis(sent));
            }
            traceContext(builder, name -> Json.text(record.path("messageAttributes").path(name), "stringValue"));
            event = withData(builder, body).build();
        }
        return new LambdaRecord(id, event, null, List.of(queue), orderKey, headers, record);
    }

    /**
     * The W3C trace context a sender put in a plain message's attributes ({@code traceparent}, {@code tracestate}),
     * kept as the CloudEvents distributed-tracing extension, so the delivery continues the sender's trace.
     */
    private static void traceContext(CloudEventBuilder builder, java.util.function.Function<String, String> attribute) {
        String traceparent = attribute.apply(DeliveryTracing.TRACEPARENT);
        if (traceparent != null && !traceparent.isBlank()) {
            builder.withExtension(DeliveryTracing.TRACEPARENT, traceparent.strip());
            String tracestate = attribute.apply(DeliveryTracing.TRACESTATE);
            if (tracestate != null && !tracestate.isBlank()) {
                builder.withExtension(DeliveryTracing.TRACESTATE, tracestate.strip());
            }
        }
    }

    private LambdaRecord sns(JsonNode record) throws Exception {
        JsonNode sns = record.path("Sns");
        String id = Json.required(sns, "MessageId", "The SNS record");
        String subscription = Json.text(record, "EventSubscriptionArn");
        String topic = Json.required(sns, "TopicArn", "SNS message " + id);
        byte[] message = text(sns, "Message");
        CloudEvent event = structured(message);
        if (event == null) {
            CloudEventBuilder builder = CloudEventBuilder.v1().withId(id)
                    .withSource(uri(subscription != null ? subscription : topic))
                    .withType("com.amazonaws.sns." + (Json.text(sns, "Type") == null ? "Notification"
                            : Json.text(sns, "Type")));
            String subject = Json.text(sns, "Subject");
            if (subject != null && !subject.isEmpty()) {
                builder.withSubject(subject);
            }
            String timestamp = Json.text(sns, "Timestamp");
            if (timestamp != null) {
                builder.withTime(OffsetDateTime.parse(timestamp));
            }
            traceContext(builder, name -> Json.text(sns.path("MessageAttributes").path(name), "Value"));
            event = withData(builder, message).build();
        }
        List<String> identifiers = subscription != null ? List.of(topic, subscription) : List.of(topic);
        return new LambdaRecord(id, event, null, identifiers, null, Map.of(), record);
    }

    private static String s3Id(JsonNode record) {
        JsonNode response = record.path("responseElements");
        return Json.text(response, "x-amz-request-id") + "." + Json.text(response, "x-amz-id-2");
    }

    private LambdaRecord s3(JsonNode record) throws Exception {
        JsonNode s3 = record.path("s3");
        String bucket = Json.required(s3.path("bucket"), "name", "The S3 record");
        String id = s3Id(record);
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(id)
                .withSource(uri(Json.required(record, "eventSource", "S3 record " + id) + "."
                        + Json.text(record, "awsRegion") + "." + bucket))
                .withType("com.amazonaws.s3." + Json.required(record, "eventName", "S3 record " + id))
                .withData("application/json", events.writeValueAsBytes(record));
        String key = Json.text(s3.path("object"), "key");
        if (key != null) {
            builder.withSubject(key);
        }
        String time = Json.text(record, "eventTime");
        if (time != null) {
            builder.withTime(OffsetDateTime.parse(time));
        }
        String arn = Json.text(s3.path("bucket"), "arn");
        return new LambdaRecord(id, builder.build(), null,
                List.of(arn != null ? arn : "arn:aws:s3:::" + bucket), null, Map.of(), record);
    }

    private LambdaRecord kinesis(JsonNode record, String orderKey) throws Exception {
        JsonNode kinesis = record.path("kinesis");
        String sequence = Json.required(kinesis, "sequenceNumber", "The Kinesis record");
        String eventId = Json.required(record, "eventID", "Kinesis record " + sequence);
        String stream = Json.required(record, "eventSourceARN", "Kinesis record " + sequence);
        byte[] data = base64(kinesis, "data");
        CloudEvent event = structured(data);
        if (event == null) {
            CloudEventBuilder builder = CloudEventBuilder.v1().withId(eventId).withSource(uri(stream))
                    .withType(KINESIS_TYPE);
            String key = Json.text(kinesis, "partitionKey");
            if (key != null) {
                builder.withSubject(key);
            }
            String arrival = Json.text(kinesis, "approximateArrivalTimestamp");
            if (arrival != null) {
                builder.withTime(epochSeconds(arrival));
            }
            event = withData(builder, data).build();
        }
        return new LambdaRecord(sequence, event, null, List.of(stream), orderKey, Map.of(), record);
    }

    private LambdaRecord dynamodb(JsonNode record, String orderKey) throws Exception {
        JsonNode dynamodb = record.path("dynamodb");
        String sequence = Json.required(dynamodb, "SequenceNumber", "The DynamoDB record");
        String stream = Json.required(record, "eventSourceARN", "DynamoDB record " + sequence);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(Json.required(record, "eventID", "DynamoDB record " + sequence))
                .withSource(uri(stream))
                .withType("com.amazonaws.dynamodb." + Json.required(record, "eventName", "DynamoDB record " + sequence))
                .withData("application/json", events.writeValueAsBytes(dynamodb));
        JsonNode keys = dynamodb.get("Keys");
        if (keys != null && keys.isObject()) {
            builder.withSubject(events.writeValueAsString(keys));
        }
        String created = Json.text(dynamodb, "ApproximateCreationDateTime");
        if (created != null) {
            builder.withTime(epochSeconds(created));
        }
        return new LambdaRecord(sequence, builder.build(), null, List.of(stream), orderKey, Map.of(), record);
    }

    private LambdaRecord kafka(JsonNode event, String partition, JsonNode record) throws Exception {
        String topic = Json.required(record, "topic", "The Kafka record");
        String id = topic + "-" + Json.required(record, "partition", "Kafka record") + "-"
                + Json.required(record, "offset", "Kafka record");
        String cluster = Json.text(event, "eventSourceArn");
        String servers = Json.text(event, "bootstrapServers");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (JsonNode header : record.path("headers")) {
            header.properties().forEach(entry -> {
                byte[] value = new byte[entry.getValue().size()];
                for (int i = 0; i < value.length; i++) {
                    value[i] = (byte) entry.getValue().get(i).asInt();
                }
                headers.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add(new String(value, StandardCharsets.UTF_8));
            });
        }
        byte[] value = base64(record, "value");
        CloudEvent event1 = headers.containsKey("ce_specversion") ? kafkaBinary(headers, value) : structured(value);
        if (event1 == null) {
            URI source = uri(cluster != null ? cluster
                    : "kafka://" + (servers == null ? "unknown" : servers.split(",")[0].trim()));
            CloudEventBuilder builder = CloudEventBuilder.v1().withId(id).withSource(source).withType(KAFKA_TYPE);
            String key = Json.text(record, "key");
            if (key != null && !key.isEmpty()) {
                builder.withSubject(new String(Base64.getDecoder().decode(key), StandardCharsets.UTF_8));
            }
            String timestamp = Json.text(record, "timestamp");
            if (timestamp != null) {
                builder.withTime(epochMillis(timestamp));
            }
            List<String> contentType = headers.get("content-type");
            if (contentType != null && value != null) {
                builder.withData(contentType.get(0), value);
                event1 = builder.build();
            } else {
                event1 = withData(builder, value).build();
            }
        }
        List<String> identifiers = new ArrayList<>();
        identifiers.add(topic);
        if (cluster != null) {
            identifiers.add(cluster);
        }
        return new LambdaRecord(id, event1, null, identifiers, partition, headers, record);
    }

    /** The CloudEvents Kafka binding, binary mode, read by the SDK ({@link KafkaHeadersReader}). */
    private static CloudEvent kafkaBinary(Map<String, List<String>> headers, byte[] value) {
        List<String> time = headers.get("ce_time");
        CloudEventValidation.validateTime(time == null ? null : time.get(0));
        return CloudEventValidation.validate(KafkaHeadersReader.read(headers, value));
    }

    private LambdaRecord eventBridge(JsonNode event) throws Exception {
        String id = Json.required(event, "id", "The EventBridge event");
        String source = Json.required(event, "source", "EventBridge event " + id);
        String detailType = Json.required(event, "detail-type", "EventBridge event " + id);
        JsonNode detail = event.path("detail");
        CloudEventBuilder builder = CloudEventBuilder.v1().withId(id);
        if ("aws.s3".equals(source) && detail.path("bucket").has("name")) {
            // S3 through EventBridge: the same source and type family as S3 notifications.
            builder.withSource(uri("aws:s3." + Json.text(event, "region") + "."
                    + Json.text(detail.path("bucket"), "name")))
                    .withType("com.amazonaws.s3." + detailType.replace(" ", ""));
            String key = Json.text(detail.path("object"), "key");
            if (key != null) {
                builder.withSubject(key);
            }
        } else {
            builder.withSource(uri(source)).withType(detailType);
            JsonNode resources = event.path("resources");
            if (resources.size() == 1) {
                builder.withSubject(resources.get(0).asText());
            }
        }
        String time = Json.text(event, "time");
        if (time != null) {
            builder.withTime(OffsetDateTime.parse(time));
        }
        builder.withData("application/json", events.writeValueAsBytes(detail));
        // The resources (a schedule's rule, an S3 bucket) name the source more precisely than the service does.
        List<String> identifiers = new ArrayList<>();
        event.path("resources").forEach(resource -> identifiers.add(resource.asText()));
        identifiers.add(source);
        return new LambdaRecord(id, builder.build(), null, identifiers, null, Map.of(), event);
    }

    /** A structured CloudEvent, when the payload is one; {@code null} when it is other data. */
    CloudEvent structured(byte[] payload) throws java.io.IOException {
        return StructuredEvents.read(payload, events);
    }

    /** Sets data and its content type: JSON when it parses as JSON, else text or bytes. */
    private CloudEventBuilder withData(CloudEventBuilder builder, byte[] data) {
        if (data == null) {
            return builder;
        }
        return builder.withData(MediaTypes.sniff(data), data);
    }

    private static byte[] text(JsonNode node, String field) {
        String text = Json.text(node, field);
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(JsonNode node, String field) {
        String text = Json.text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + field + "' is not valid base64: " + e.getMessage());
        }
    }

    /**
     * A source URI from an ARN or name as AWS sent it; characters a URI cannot hold (sample events have spaces) are
     * percent-encoded rather than failing the record.
     */
    static URI uri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            int colon = value.indexOf(':');
            try {
                return colon > 0 ? new URI(value.substring(0, colon), value.substring(colon + 1), null)
                        : new URI(null, null, value, null);
            } catch (java.net.URISyntaxException invalid) {
                throw new IllegalArgumentException("'" + value + "' cannot be a CloudEvents source: "
                        + invalid.getMessage());
            }
        }
    }

    private static OffsetDateTime epochMillis(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis)).atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime epochSeconds(String seconds) {
        BigDecimal value = new BigDecimal(seconds);
        return Instant.ofEpochMilli(value.movePointRight(3).longValue()).atOffset(ZoneOffset.UTC);
    }
}
