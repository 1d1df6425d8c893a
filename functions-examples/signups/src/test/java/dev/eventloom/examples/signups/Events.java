package dev.eventloom.examples.signups;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SQS and API Gateway events in the formats AWS documents, built for these tests. */
final class Events {

    static final String QUEUE = "arn:aws:sqs:eu-west-1:123456789012:signups";

    private Events() {
    }

    static String sqs(String... bodies) {
        JsonArray records = new JsonArray();
        for (int i = 0; i < bodies.length; i++) {
            records.add(new JsonObject()
                    .put("messageId", "m-" + i)
                    .put("receiptHandle", "AQEB" + i)
                    .put("body", bodies[i])
                    .put("attributes", new JsonObject().put("ApproximateReceiveCount", "1")
                            .put("SentTimestamp", "1764201600000"))
                    .put("messageAttributes", new JsonObject())
                    .put("eventSource", "aws:sqs")
                    .put("eventSourceARN", QUEUE)
                    .put("awsRegion", "eu-west-1"));
        }
        return new JsonObject().put("Records", records).encode();
    }

    static String signup(String email, String name) {
        return new JsonObject().put("email", email).put("name", name).encode();
    }

    /** An HTTP API (payload 2.0) request on the $default stage. */
    static String httpApi(String method, String path, String body) {
        return new JsonObject()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", path)
                .put("rawQueryString", "")
                .put("headers", new JsonObject().put("content-type", "application/json"))
                .put("requestContext", new JsonObject()
                        .put("accountId", "123456789012")
                        .put("apiId", "api")
                        .put("http", new JsonObject().put("method", method).put("path", path)
                                .put("protocol", "HTTP/1.1").put("sourceIp", "192.0.2.1").put("userAgent", "test"))
                        .put("requestId", "r-1")
                        .put("routeKey", "$default")
                        .put("stage", "$default"))
                .put("body", body)
                .put("isBase64Encoded", false)
                .encode();
    }
}
