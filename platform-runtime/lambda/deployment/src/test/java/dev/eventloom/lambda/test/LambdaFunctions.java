package dev.eventloom.lambda.test;

import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;

import dev.eventloom.CloudEvent;
import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Functions triggered from every AWS source the Lambda tests use; names starting "fail" or "bad" make them throw. */
public class LambdaFunctions {

    @Inject
    Recorded recorded;

    private void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String record(String function, String value) {
        String last = value == null ? "" : value.substring(value.lastIndexOf(':') + 1);
        if (last.startsWith("fail") || last.startsWith("bad")) {
            recorded.add(function + ":" + value + ":failed");
            throw new IllegalStateException("cannot handle " + value);
        }
        recorded.add(function + ":" + value);
        return value;
    }

    /** Standard SQS queue "signups": concurrent. */
    @Funq
    @Blocking
    @Trigger(source = "signups")
    public void signup(Signup signup) {
        recorded.enter();
        try {
            sleep(signup.sleepMillis());
            record("signup", signup.name());
        } finally {
            recorded.leave();
        }
    }

    /** Standard SQS queue "limited": one message at a time, whatever the batch. */
    @Funq
    @Blocking
    @Delivery(maxConcurrency = 1)
    @Trigger(source = "limited")
    public void limited(Signup signup) {
        recorded.enter();
        try {
            sleep(signup.sleepMillis());
            record("limited", signup.name());
        } finally {
            recorded.leave();
        }
    }

    /** FIFO queue "orders": in order per message group. */
    @Funq
    @Blocking
    @Trigger(source = "orders")
    public void order(Signup order) {
        sleep(order.sleepMillis());
        record("order", order.name());
    }

    /** Kinesis stream "clicks" and DynamoDB table "accounts": in order per shard. */
    @Funq
    @Trigger(source = "clicks")
    @Trigger(source = "accounts")
    public Uni<Void> change(CloudEvent<JsonNode> event) {
        JsonNode data = event.data();
        String value = data.has("name") ? data.get("name").asText()
                : data.path("NewImage").path("Name").path("S").asText();
        record("change", event.type() + ":" + value);
        return Uni.createFrom().voidItem();
    }

    /** S3 (direct and through EventBridge). */
    @Funq
    @Trigger(prefix = "type=com.amazonaws.s3.ObjectCreated")
    public void upload(@io.quarkus.funqy.Context EventContext context) {
        record("upload", context.source() + ":" + context.subject());
    }

    /** SNS topic "alerts". */
    @Funq
    @Trigger(source = "alerts")
    public void alert(String message, @io.quarkus.funqy.Context EventContext context) {
        record("alert", context.subject() + ":" + message);
    }

    /** EventBridge schedule "nightly" and custom events of type OrderPlaced. */
    @Funq
    @Trigger(source = "nightly")
    @Trigger(type = "OrderPlaced")
    public void scheduled(@io.quarkus.funqy.Context EventContext context) {
        record("scheduled", context.type() + ":" + context.id());
    }

    /** Kafka topic "payments". */
    @Funq
    @Trigger(source = "payments")
    public void payment(Signup payment, @io.quarkus.funqy.Context EventContext context) {
        record("payment", context.header("tenant") + ":" + payment.name());
    }

    /** SQS queue "slow", with a short timeout. */
    @Funq
    @Blocking
    @Delivery(timeout = "300ms")
    @Trigger(source = "slow")
    public void slow(Signup signup) {
        sleep(signup.sleepMillis());
        record("slow", signup.name());
    }

    /** SQS queue "retried": fails as many times as the name says ("twice-...", "thrice-..."), retried twice. */
    @Funq
    @Trigger(source = "retried")
    @Delivery(retries = 2, backoffDelay = "10ms")
    public void retried(Signup signup) {
        int attempt = recorded.attempt(signup.name());
        int failures = signup.name().startsWith("twice") ? 2 : signup.name().startsWith("thrice") ? 3 : 0;
        if (attempt <= failures) {
            throw new IllegalStateException("attempt " + attempt + " of " + signup.name() + " failed");
        }
        recorded.add("retried:" + signup.name() + ":" + attempt);
    }

    /** Plain JSON over HTTP, CloudEvents, and direct invocations. */
    @Funq
    @Reply(type = "test.greeting")
    @Trigger(type = "test.greet")
    public String greet(Signup person) {
        return "Hello " + record("greet", person.name());
    }

    /** What the function can see of the Lambda invocation. */
    @Funq
    @Blocking
    public String lambda(@io.quarkus.funqy.Context EventContext context) {
        return context.transportObject(Context.class).map(Context::getAwsRequestId).orElse("no lambda context")
                + "|" + context.transportObject(JsonNode.class).map(node -> node.has("requestContext")).orElse(false)
                + "|" + context.remainingTime().toMillis();
    }

    /** Binary output, base64 in proxy responses. */
    @Funq
    public byte[] bytes() {
        return new byte[] { 0, 1, 2, (byte) 0xff };
    }
}
