package dev.eventloom.lambda.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The project's own AWS event fixtures, written from the formats AWS documents for each source ("Using AWS Lambda
 * with Amazon SQS", "... Kinesis", "... DynamoDB", "... S3", "... SNS", "... EventBridge", "... Amazon MSK", the API
 * Gateway and ALB proxy payloads).
 */
public final class AwsEvents {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "123456789012";
    public static final String SIGNUPS = "arn:aws:sqs:eu-west-1:123456789012:signups";
    public static final String ORDERS = "arn:aws:sqs:eu-west-1:123456789012:orders.fifo";
    public static final String SLOW = "arn:aws:sqs:eu-west-1:123456789012:slow";
    public static final String LIMITED = "arn:aws:sqs:eu-west-1:123456789012:limited";
    public static final String CLICKS = "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks";
    public static final String ACCOUNTS_TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/accounts";
    public static final String ACCOUNTS_STREAM = ACCOUNTS_TABLE + "/stream/2026-11-27T00:00:00.000";
    public static final String ALERTS = "arn:aws:sns:eu-west-1:123456789012:alerts";
    public static final String NIGHTLY_RULE = "arn:aws:events:eu-west-1:123456789012:rule/nightly";
    public static final String MSK = "arn:aws:kafka:eu-west-1:123456789012:cluster/payments/abcd1234-ab12-cd34-ef56-abcdef123456-1";

    private AwsEvents() {
    }

    public static String person(String name) {
        return person(name, 0);
    }

    public static String person(String name, long sleepMillis) {
        return new JsonObject().put("name", name).put("sleepMillis", sleepMillis).encode();
    }

    /** An SQS message as Lambda delivers it; the group id is set for FIFO queues. */
    public static JsonObject sqsMessage(String queueArn, String messageId, String body, String groupId) {
        JsonObject attributes = new JsonObject()
                .put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", "1764201600000")
                .put("SenderId", "AIDAIENQZJOLO23YVJ4VO")
                .put("ApproximateFirstReceiveTimestamp", "1764201600005");
        if (groupId != null) {
            attributes.put("MessageGroupId", groupId)
                    .put("MessageDeduplicationId", messageId)
                    .put("SequenceNumber", "1845741523482" + messageId.hashCode());
        }
        return new JsonObject()
                .put("messageId", messageId)
                .put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a" + messageId)
                .put("body", body)
                .put("attributes", attributes)
                .put("messageAttributes", new JsonObject().put("tenant", new JsonObject()
                        .put("stringValue", "acme").put("stringListValues", new JsonArray())
                        .put("binaryListValues", new JsonArray()).put("dataType", "String")))
                .put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3")
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", queueArn)
                .put("awsRegion", REGION);
    }

    public static String records(List<JsonObject> records) {
        return new JsonObject().put("Records", new JsonArray(new ArrayList<>(records))).encode();
    }

    public static String sqs(String queueArn, String... bodies) {
        List<JsonObject> messages = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            messages.add(sqsMessage(queueArn, "msg-" + i, bodies[i], null));
        }
        return records(messages);
    }

    public static JsonObject kinesisRecord(String shard, long sequence, byte[] data) {
        return new JsonObject()
                .put("kinesis", new JsonObject()
                        .put("kinesisSchemaVersion", "1.0")
                        .put("partitionKey", "user-" + sequence)
                        .put("sequenceNumber", String.valueOf(sequence))
                        .put("data", Base64.getEncoder().encodeToString(data))
                        .put("approximateArrivalTimestamp", 1764201600.428))
                .put("eventSource", "aws:kinesis")
                .put("eventVersion", "1.0")
                .put("eventID", shard + ":" + sequence)
                .put("eventName", "aws:kinesis:record")
                .put("invokeIdentityArn", "arn:aws:iam::123456789012:role/lambda-role")
                .put("awsRegion", REGION)
                .put("eventSourceARN", CLICKS);
    }

    public static JsonObject dynamodbRecord(String eventName, long sequence, String name) {
        return new JsonObject()
                .put("eventID", "c4ca4238a0b923820dcc509a6f75849" + sequence)
                .put("eventName", eventName)
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", REGION)
                .put("dynamodb", new JsonObject()
                        .put("ApproximateCreationDateTime", 1764201600)
                        .put("Keys", new JsonObject().put("Id", new JsonObject().put("N", String.valueOf(sequence))))
                        .put("NewImage", new JsonObject()
                                .put("Id", new JsonObject().put("N", String.valueOf(sequence)))
                                .put("Name", new JsonObject().put("S", name)))
                        .put("SequenceNumber", String.valueOf(sequence))
                        .put("SizeBytes", 26)
                        .put("StreamViewType", "NEW_IMAGE"))
                .put("eventSourceARN", ACCOUNTS_STREAM);
    }

    public static String s3(String bucket, String key) {
        return records(List.of(new JsonObject()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", REGION)
                .put("eventTime", "2026-11-27T10:00:00.000Z")
                .put("eventName", "ObjectCreated:Put")
                .put("userIdentity", new JsonObject().put("principalId", "AWS:AIDAINPONIXQXHT3IKHL2"))
                .put("requestParameters", new JsonObject().put("sourceIPAddress", "205.255.255.255"))
                .put("responseElements", new JsonObject()
                        .put("x-amz-request-id", "D82B88E5F771F645")
                        .put("x-amz-id-2", "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo="))
                .put("s3", new JsonObject()
                        .put("s3SchemaVersion", "1.0")
                        .put("configurationId", "uploads")
                        .put("bucket", new JsonObject().put("name", bucket)
                                .put("ownerIdentity", new JsonObject().put("principalId", "A3I5XTEXAMAI3E"))
                                .put("arn", "arn:aws:s3:::" + bucket))
                        .put("object", new JsonObject().put("key", key).put("size", 1305107)
                                .put("eTag", "b21b84d653bb07b05b1e6b33684dc11b")
                                .put("sequencer", "0C0F6F405D6ED209E1")))));
    }

    public static String sns(String subject, String message) {
        return records(List.of(new JsonObject()
                .put("EventVersion", "1.0")
                .put("EventSubscriptionArn", ALERTS + ":2bcfbf39-05c3-41de-beaa-fcfcc21c8f55")
                .put("EventSource", "aws:sns")
                .put("Sns", new JsonObject()
                        .put("SignatureVersion", "1")
                        .put("Timestamp", "2026-11-27T10:00:00.000Z")
                        .put("Signature", "tcc6faL2yUC6dgZdmrwh1Y4cGa/ebXEkAi6RibDsvpi+tE/1+82j...65r==")
                        .put("SigningCertUrl", "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem")
                        .put("MessageId", "95df01b4-ee98-5cb9-9903-4c221d41eb5e")
                        .put("Message", message)
                        .put("MessageAttributes", new JsonObject())
                        .put("Type", "Notification")
                        .put("UnsubscribeUrl", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe")
                        .put("TopicArn", ALERTS)
                        .put("Subject", subject))));
    }

    public static String scheduled(String id) {
        return new JsonObject()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", "Scheduled Event")
                .put("source", "aws.events")
                .put("account", ACCOUNT)
                .put("time", "2026-11-27T02:00:00Z")
                .put("region", REGION)
                .put("resources", new JsonArray().add(NIGHTLY_RULE))
                .put("detail", new JsonObject())
                .encode();
    }

    public static String eventBridge(String source, String detailType, JsonObject detail) {
        return new JsonObject()
                .put("version", "0")
                .put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718")
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", ACCOUNT)
                .put("time", "2026-11-27T10:00:00Z")
                .put("region", REGION)
                .put("resources", new JsonArray())
                .put("detail", detail)
                .encode();
    }

    public static JsonObject kafkaRecord(String topic, int partition, long offset, String value, JsonArray headers) {
        return new JsonObject()
                .put("topic", topic)
                .put("partition", partition)
                .put("offset", offset)
                .put("timestamp", 1764201600000L)
                .put("timestampType", "CREATE_TIME")
                .put("key", Base64.getEncoder().encodeToString(("key-" + offset).getBytes(StandardCharsets.UTF_8)))
                .put("value", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)))
                .put("headers", headers);
    }

    /** A Kafka header as Lambda delivers it: the value as an array of byte values. */
    public static JsonObject kafkaHeader(String name, String value) {
        JsonArray bytes = new JsonArray();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            bytes.add((int) b);
        }
        return new JsonObject().put(name, bytes);
    }

    public static String msk(JsonObject partitions) {
        return new JsonObject()
                .put("eventSource", "aws:kafka")
                .put("eventSourceArn", MSK)
                .put("bootstrapServers", "b-2.payments.abcd12.c1.kafka.eu-west-1.amazonaws.com:9092,"
                        + "b-1.payments.abcd12.c1.kafka.eu-west-1.amazonaws.com:9092")
                .put("records", partitions)
                .encode();
    }

    public static JsonObject apiGatewayV1(String method, String path, JsonObject multiValueHeaders, String body) {
        JsonObject headers = new JsonObject();
        multiValueHeaders.forEach(h -> headers.put(h.getKey(), ((JsonArray) h.getValue()).getString(0)));
        return new JsonObject()
                .put("version", "1.0")
                .put("resource", "/{proxy+}")
                .put("path", path)
                .put("httpMethod", method)
                .put("headers", headers)
                .put("multiValueHeaders", multiValueHeaders)
                .put("queryStringParameters", null)
                .put("multiValueQueryStringParameters", null)
                .put("pathParameters", new JsonObject().put("proxy", path.substring(1)))
                .put("stageVariables", null)
                .put("requestContext", new JsonObject()
                        .put("accountId", ACCOUNT)
                        .put("apiId", "1234567890")
                        .put("httpMethod", method)
                        .put("path", "/prod" + path)
                        .put("stage", "prod")
                        .put("requestId", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef")
                        .put("resourcePath", "/{proxy+}")
                        .put("identity", new JsonObject().put("sourceIp", "192.0.2.1")))
                .put("body", body)
                .put("isBase64Encoded", false);
    }

    public static JsonObject apiGatewayV2(String method, String rawPath, String stage, JsonObject headers, String body) {
        return new JsonObject()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", rawPath)
                .put("rawQueryString", "")
                .put("headers", headers)
                .put("requestContext", new JsonObject()
                        .put("accountId", ACCOUNT)
                        .put("apiId", "api-id")
                        .put("domainName", "api-id.execute-api.eu-west-1.amazonaws.com")
                        .put("http", new JsonObject().put("method", method).put("path", rawPath)
                                .put("protocol", "HTTP/1.1").put("sourceIp", "192.0.2.1").put("userAgent", "agent"))
                        .put("requestId", "id")
                        .put("routeKey", "$default")
                        .put("stage", stage)
                        .put("time", "27/Nov/2026:10:00:00 +0000")
                        .put("timeEpoch", 1764237600000L))
                .put("body", body)
                .put("isBase64Encoded", false);
    }

    public static JsonObject alb(String method, String path, JsonObject multiValueHeaders, String body) {
        return new JsonObject()
                .put("requestContext", new JsonObject().put("elb", new JsonObject().put("targetGroupArn",
                        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lambda/804a67588bfdc10f")))
                .put("httpMethod", method)
                .put("path", path)
                .put("multiValueQueryStringParameters", new JsonObject())
                .put("multiValueHeaders", multiValueHeaders)
                .put("body", body)
                .put("isBase64Encoded", false);
    }
}
