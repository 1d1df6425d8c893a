package dev.eventloom.lambda.runtime;

import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

/** The kinds of payload a Lambda invocation can carry, recognised by their documented fields. */
enum EventShape {
    SQS("Amazon SQS"),
    SNS("Amazon SNS"),
    S3("Amazon S3"),
    KINESIS("Amazon Kinesis"),
    DYNAMODB("Amazon DynamoDB Streams"),
    KAFKA("Amazon MSK or self-managed Kafka"),
    EVENTBRIDGE("Amazon EventBridge"),
    API_GATEWAY_V1("API Gateway REST API (payload 1.0)"),
    API_GATEWAY_V2("API Gateway HTTP API or Function URL (payload 2.0)"),
    ALB("Application Load Balancer"),
    CLOUD_EVENT("a structured CloudEvent"),
    DIRECT("a direct invocation");

    final String description;

    EventShape(String description) {
        this.description = description;
    }

    /** The top-level fields {@link #of(JsonNode)} recognises AWS envelopes and CloudEvents by: without them, DIRECT. */
    private static final Set<String> ENVELOPE_FIELDS = Set.of("Records", "eventSource", "requestContext",
            "detail-type", "specversion");

    /**
     * Whether the payload is, by a streaming read that builds no tree, one whole JSON value that {@link #of(JsonNode)}
     * would call DIRECT: not an object, or an object without any field an AWS envelope or a CloudEvent is recognised
     * by. False for anything else, also for a payload that is not JSON or is empty: the tree's reading says what it is
     * or what is wrong with it. A direct invocation then reads its payload once, as its function's input.
     */
    static boolean plainJson(JsonFactory factory, byte[] payload) {
        try (JsonParser parser = factory.createParser(payload)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return true;
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (ENVELOPE_FIELDS.contains(parser.currentName())) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return token == JsonToken.END_OBJECT;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What the payload is. Records of a source this binding does not know make the whole invocation fail with a
     * message naming it: treating them as a direct invocation would hand an AWS envelope to a function.
     */
    static EventShape of(JsonNode event) {
        if (!event.isObject()) {
            return DIRECT;
        }
        JsonNode records = event.get("Records");
        if (records != null && records.isArray() && !records.isEmpty()) {
            JsonNode first = records.get(0);
            String source = Json.text(first, "eventSource");
            if (source == null) {
                source = Json.text(first, "EventSource");
            }
            if (source == null) {
                throw new LambdaFunctionError("UnsupportedEvent", "The event has Records without an eventSource; "
                        + "Eventloom recognises SQS, SNS, S3, Kinesis and DynamoDB Streams records");
            }
            return switch (source) {
                case "aws:sqs" -> SQS;
                case "aws:sns" -> SNS;
                case "aws:s3" -> S3;
                case "aws:kinesis" -> KINESIS;
                case "aws:dynamodb" -> DYNAMODB;
                default -> throw new LambdaFunctionError("UnsupportedEvent", "Records from '" + source
                        + "' are not supported; Eventloom recognises aws:sqs, aws:sns, aws:s3, aws:kinesis and "
                        + "aws:dynamodb records, Kafka batches, EventBridge events, HTTP events and CloudEvents");
            };
        }
        String eventSource = Json.text(event, "eventSource");
        if (("aws:kafka".equals(eventSource) || "aws:SelfManagedKafka".equals(eventSource)
                || "SelfManagedKafka".equals(eventSource)) && event.path("records").isObject()) {
            return KAFKA;
        }
        JsonNode requestContext = event.get("requestContext");
        if (requestContext != null && requestContext.isObject()) {
            if (requestContext.has("elb")) {
                return ALB;
            }
            if ("2.0".equals(Json.text(event, "version")) && requestContext.has("http")) {
                return API_GATEWAY_V2;
            }
            if (event.has("httpMethod")) {
                return API_GATEWAY_V1;
            }
        }
        if (event.has("detail-type") && event.has("source") && event.has("detail") && event.has("id")) {
            return EVENTBRIDGE;
        }
        if (event.has("specversion")) {
            return CLOUD_EVENT;
        }
        return DIRECT;
    }
}
