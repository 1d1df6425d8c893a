package dev.eventloom.examples.signups;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** SQS batches of signups in the format AWS documents (message ids m-0, m-1, ...); HTTP API requests come from the test kit. */
final class SignupEvents {

    static final String QUEUE = "arn:aws:sqs:eu-west-1:123456789012:signups";

    private SignupEvents() {
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
}
