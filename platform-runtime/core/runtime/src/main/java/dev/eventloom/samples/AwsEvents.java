package dev.eventloom.samples;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AWS source events as Lambda delivers them, with your bodies in them: written from the formats AWS documents for each
 * source, checked against AWS's own samples. The test kit ({@code EventloomClient#lambda}), the {@code SampleEvents}
 * command and the Dev UI's Lambda page build their events here. Record ids are {@code <kind>-0}, {@code <kind>-1}, ...
 * in order, so a test can expect {@code batchItemFailures} by id.
 */
public final class AwsEvents {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIME = "2026-11-27T00:00:00Z";

    /** The sources {@link #sample} knows. */
    public static final List<String> SOURCES = List.of("sqs", "sns", "s3", "eventbridge", "schedule", "kinesis",
            "dynamodb", "http-api", "rest-api", "alb", "function-url", "kafka");

    private AwsEvents() {
    }

    /**
     * The event of one of {@link #SOURCES}, with example values where an argument is {@code null}.
     *
     * @param arn the queue, topic, rule, stream or cluster ARN; the bucket name (s3); the event source (eventbridge)
     * @param type the detail type (eventbridge) or the topic (kafka)
     * @param method, path the HTTP request (http-api, rest-api, alb, function-url)
     * @param bodies one per record: message bodies, object keys (s3), new images as DynamoDB JSON (dynamodb); the first
     *        is the detail (eventbridge) or the request body (HTTP sources)
     */
    public static String sample(String source, String arn, String type, String method, String path,
            List<String> bodies) {
        String[] records = bodies.isEmpty() ? new String[] { "{}" } : bodies.toArray(String[]::new);
        String body = records[0];
        String http = or(method, "POST");
        String target = or(path, "/");
        String prefix = "arn:aws:%s:" + REGION + ":" + ACCOUNT + ":";
        return switch (source) {
            case "sqs" -> sqs(or(arn, prefix.formatted("sqs") + "queue"), records);
            case "sns" -> sns(or(arn, prefix.formatted("sns") + "topic"), records);
            case "s3" -> s3ObjectCreated(or(arn, "bucket"), bodies.isEmpty() ? new String[] { "key" } : records);
            case "eventbridge" -> eventBridge(or(arn, "com.example"), or(type, "Example"), body);
            case "schedule" -> schedule(or(arn, prefix.formatted("events") + "rule/schedule"));
            case "kinesis" -> kinesis(or(arn, prefix.formatted("kinesis") + "stream/stream"), records);
            case "dynamodb" -> dynamoDbInserts(or(arn, prefix.formatted("dynamodb")
                    + "table/table/stream/2026-11-27T00:00:00.000"), records);
            case "http-api" -> httpApi(http, target, body);
            case "rest-api" -> restApi(http, target, body);
            case "alb" -> alb(http, target, body);
            case "function-url" -> functionUrl(http, target, body);
            case "kafka" -> kafka(or(arn, prefix.formatted("kafka")
                    + "cluster/cluster/abcd1234-ab12-cd34-ef56-abcdef123456-1"), or(type, "topic"), records);
            default -> throw new IllegalArgumentException("Unknown source '" + source + "'; one of " + SOURCES);
        };
    }

    private static String or(String value, String example) {
        return value == null || value.isBlank() ? example : value;
    }

    /** An SQS batch from the queue of that ARN, one message per body; message ids {@code msg-0}, {@code msg-1}... */
    public static String sqs(String queueArn, String... bodies) {
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode message = records.addObject().put("messageId", "msg-" + i)
                    .put("receiptHandle", "AQEB" + UUID.randomUUID()).put("body", bodies[i]);
            message.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1764201600000")
                    .put("SenderId", "AIDAIENQZJOLO23YVJ4VO").put("ApproximateFirstReceiveTimestamp", "1764201600005");
            message.putObject("messageAttributes");
            message.put("md5OfBody", "").put("eventSource", "aws:sqs").put("eventSourceARN", queueArn)
                    .put("awsRegion", REGION);
        }
        return records(records);
    }

    /** SNS notifications from the topic of that ARN, one per message. */
    public static String sns(String topicArn, String... messages) {
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < messages.length; i++) {
            ObjectNode record = records.addObject().put("EventVersion", "1.0").put("EventSource", "aws:sns")
                    .put("EventSubscriptionArn", topicArn + ":" + UUID.randomUUID());
            record.putObject("Sns").put("Type", "Notification").put("MessageId", "sns-" + i).put("TopicArn", topicArn)
                    .put("Subject", (String) null).put("Message", messages[i]).put("Timestamp", TIME)
                    .put("SignatureVersion", "1").put("Signature", "").put("SigningCertUrl", "").put("UnsubscribeUrl", "")
                    .putObject("MessageAttributes");
        }
        return records(records);
    }

    /** S3 notifications of objects created in the bucket, one per key. */
    public static String s3ObjectCreated(String bucket, String... keys) {
        ArrayNode records = JSON.createArrayNode();
        for (String key : keys) {
            ObjectNode record = records.addObject().put("eventVersion", "2.1").put("eventSource", "aws:s3")
                    .put("awsRegion", REGION).put("eventTime", TIME).put("eventName", "ObjectCreated:Put");
            ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "eventloom");
            s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                    .putObject("ownerIdentity").put("principalId", "EXAMPLE");
            s3.putObject("object").put("key", key).put("size", 1024).put("eTag", "0123456789abcdef")
                    .put("sequencer", "0A1B2C3D4E5F678901");
        }
        return records(records);
    }

    /** An EventBridge event of that source and detail type, with the detail as JSON. */
    public static String eventBridge(String source, String detailType, String detailJson) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", detailType).put("source", source).put("account", ACCOUNT).put("time", TIME)
                .put("region", REGION);
        event.putArray("resources");
        event.set("detail", read(detailJson));
        return event.toString();
    }

    /** The event a scheduled rule of that ARN sends. */
    public static String schedule(String ruleArn) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Scheduled Event").put("source", "aws.events").put("account", ACCOUNT)
                .put("time", TIME).put("region", REGION);
        event.putArray("resources").add(ruleArn);
        event.putObject("detail");
        return event.toString();
    }

    /** Kinesis records of the stream of that ARN, one per data text; sequence numbers 0, 1, ... */
    public static String kinesis(String streamArn, String... data) {
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < data.length; i++) {
            ObjectNode record = records.addObject();
            record.putObject("kinesis").put("kinesisSchemaVersion", "1.0").put("partitionKey", "key-" + i)
                    .put("sequenceNumber", String.valueOf(i))
                    .put("data", Base64.getEncoder().encodeToString(data[i].getBytes(StandardCharsets.UTF_8)))
                    .put("approximateArrivalTimestamp", 1764201600.428);
            record.put("eventSource", "aws:kinesis").put("eventVersion", "1.0")
                    .put("eventID", "shardId-000000000000:" + i).put("eventName", "aws:kinesis:record")
                    .put("invokeIdentityArn", "arn:aws:iam::" + ACCOUNT + ":role/lambda-role").put("awsRegion", REGION)
                    .put("eventSourceARN", streamArn);
        }
        return records(records);
    }

    /** DynamoDB stream records (INSERT) of that stream ARN, one per new image given as DynamoDB JSON. */
    public static String dynamoDbInserts(String streamArn, String... newImages) {
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < newImages.length; i++) {
            ObjectNode record = records.addObject().put("eventID", "ddb-" + i).put("eventName", "INSERT")
                    .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", REGION);
            ObjectNode change = record.putObject("dynamodb").put("ApproximateCreationDateTime", 1764201600)
                    .put("SequenceNumber", String.valueOf(100 + i)).put("SizeBytes", 26)
                    .put("StreamViewType", "NEW_AND_OLD_IMAGES");
            change.set("NewImage", read(newImages[i]));
            change.putObject("Keys");
            record.put("eventSourceARN", streamArn);
        }
        return records(records);
    }

    /** An API Gateway HTTP API (payload 2.0) request. */
    public static String httpApi(String method, String path, String jsonBody) {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", path).put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext").put("accountId", ACCOUNT).put("apiId", "api")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", "$default").put("stage", "$default");
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "192.0.2.1").put("userAgent", "eventloom-test");
        event.put("body", jsonBody).put("isBase64Encoded", false);
        return event.toString();
    }

    /** An API Gateway REST API (payload 1.0) request. */
    public static String restApi(String method, String path, String jsonBody) {
        ObjectNode event = JSON.createObjectNode().put("version", "1.0").put("resource", path).put("path", path)
                .put("httpMethod", method);
        event.putObject("headers").put("Content-Type", "application/json");
        event.putObject("multiValueHeaders").putArray("Content-Type").add("application/json");
        event.putNull("queryStringParameters");
        event.putNull("multiValueQueryStringParameters");
        ObjectNode context = event.putObject("requestContext").put("accountId", ACCOUNT).put("apiId", "api")
                .put("httpMethod", method).put("path", "/prod" + path).put("protocol", "HTTP/1.1")
                .put("requestId", UUID.randomUUID().toString()).put("resourcePath", path).put("stage", "prod");
        context.putObject("identity").put("sourceIp", "192.0.2.1").put("userAgent", "eventloom-test");
        event.putNull("pathParameters");
        event.putNull("stageVariables");
        event.put("body", jsonBody).put("isBase64Encoded", false);
        return event.toString();
    }

    /** An Application Load Balancer request to a Lambda target group. */
    public static String alb(String method, String path, String jsonBody) {
        ObjectNode event = JSON.createObjectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn",
                "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":targetgroup/functions/0123456789abcdef");
        event.put("httpMethod", method).put("path", path);
        event.putObject("queryStringParameters");
        event.putObject("headers").put("content-type", "application/json").put("host", "functions.example");
        event.put("body", jsonBody).put("isBase64Encoded", false);
        return event.toString();
    }

    /** A Lambda function URL request (payload 2.0, as an HTTP API's). */
    public static String functionUrl(String method, String path, String jsonBody) {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                .put("rawPath", path).put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext").put("accountId", "anonymous").put("apiId", "url-id")
                .put("domainName", "url-id.lambda-url." + REGION + ".on.aws").put("domainPrefix", "url-id")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", "$default").put("stage", "$default")
                .put("time", "27/Nov/2026:00:00:00 +0000").put("timeEpoch", 1764201600000L);
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", "192.0.2.1").put("userAgent", "eventloom-test");
        event.put("body", jsonBody).put("isBase64Encoded", false);
        return event.toString();
    }

    /** Records of one Kafka topic partition as MSK (or self-managed Kafka) delivers them, one per value. */
    public static String kafka(String clusterArn, String topic, String... values) {
        ObjectNode event = JSON.createObjectNode().put("eventSource", "aws:kafka").put("eventSourceArn", clusterArn)
                .put("bootstrapServers", "b-1.example:9092");
        ArrayNode partition = event.putObject("records").putArray(topic + "-0");
        for (int i = 0; i < values.length; i++) {
            partition.addObject().put("topic", topic).put("partition", 0).put("offset", i)
                    .put("timestamp", 1764201600000L).put("timestampType", "CREATE_TIME").put("key", (String) null)
                    .put("value", Base64.getEncoder().encodeToString(values[i].getBytes(StandardCharsets.UTF_8)))
                    .putArray("headers");
        }
        return event.toString();
    }

    private static String records(ArrayNode records) {
        ObjectNode event = JSON.createObjectNode();
        event.set("Records", records);
        return event.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not JSON: " + json, e);
        }
    }
}
