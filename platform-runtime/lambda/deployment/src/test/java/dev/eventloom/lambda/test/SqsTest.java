package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/** SQS through the Lambda Runtime API: batchItemFailures name exactly the failed messages; FIFO keeps group order. */
class SqsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    @Test
    void aStandardQueueBatchIsDeliveredConcurrentlyAndAllSucceeds() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann", 300), person("bob", 300), person("cy", 300)))
                .then().statusCode(200).body("batchItemFailures", empty());
        assertEquals(3, recorded.calls().size(), recorded.calls().toString());
        assertTrue(recorded.calls().containsAll(List.of("signup:ann", "signup:bob", "signup:cy")));
        assertTrue(recorded.mostAtOnce() > 1, "records of a standard queue run concurrently");
    }

    @Test
    void aBatchLargerThanMaxConcurrencyWaitsForSlotsAndRunsEveryMessageOnce() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.LIMITED, person("ann", 20), person("bob", 20), person("cy", 20),
                person("dee", 20)))
                .then().statusCode(200).body("batchItemFailures", empty());
        assertEquals(List.of("limited:ann", "limited:bob", "limited:cy", "limited:dee"),
                recorded.calls().stream().sorted().toList());
        assertEquals(1, recorded.mostAtOnce(), "maxConcurrency 1 holds within the batch");
    }

    @Test
    void onlyTheFailedMessagesAreReported() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("fail-1"), person("cy"), person("fail-2")))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-1", "msg-3")));
        assertTrue(recorded.calls().containsAll(List.of("signup:ann", "signup:cy")));
    }

    @Test
    void aMessageThatDoesNotBindIsReportedAndTheOthersAreDelivered() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, "not json at all", person("bob")))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-0")));
        assertEquals(List.of("signup:bob"), recorded.calls());
    }

    @Test
    void messagesFromAQueueNoTriggerMatchesAreReportedNotDropped() {
        Lambda.invoke(AwsEvents.sqs("arn:aws:sqs:eu-west-1:123456789012:unknown", person("ann")))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-0")));
        assertTrue(recorded.calls().isEmpty());
    }

    @Test
    void aFifoQueueKeepsOrderPerGroupAndReportsEverythingAfterAFailure() {
        String event = AwsEvents.records(List.of(
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "a1", person("a1", 50), "A"),
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "b1", person("b1", 20), "B"),
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "a2", person("bad-a2"), "A"),
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "b2", person("b2", 20), "B"),
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "a3", person("a3"), "A"),
                AwsEvents.sqsMessage(AwsEvents.ORDERS, "b3", person("b3"), "B")));
        Lambda.invoke(event).then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("a2", "a3")));
        List<String> calls = recorded.calls();
        assertEquals(List.of("order:a1", "order:bad-a2:failed"),
                calls.stream().filter(c -> c.contains(":a") || c.contains("-a")).toList());
        assertEquals(List.of("order:b1", "order:b2", "order:b3"),
                calls.stream().filter(c -> c.matches("order:b\\d")).toList());
        assertFalse(calls.contains("order:a3"), "a3 must wait for a2, which failed");
    }

    @Test
    void aMessageThatTimesOutIsReported() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SLOW, person("quick"), person("sleepy", 1500)))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-1")));
        assertEquals(List.of("slow:quick"), recorded.calls(), "answered at the 300 ms timeout, before the sleeper woke");
        // A running blocking method is not interrupted: the sleeper ends later, and is waited for here so that it does
        // not record into the next test.
        await().atMost(10, TimeUnit.SECONDS).until(() -> recorded.calls().contains("slow:sleepy"));
        assertEquals(List.of("slow:quick", "slow:sleepy"), recorded.calls());
    }

    @Test
    void aStructuredCloudEventInAMessageKeepsItsAttributes() {
        String cloudEvent = new JsonObject().put("specversion", "1.0").put("id", "ce-1").put("source", "/shop")
                .put("type", "test.greet").put("datacontenttype", "application/json")
                .put("data", new JsonObject().put("name", "dee")).encode();
        Lambda.invoke(AwsEvents.sqs("arn:aws:sqs:eu-west-1:123456789012:any-queue", cloudEvent))
                .then().statusCode(200).body("batchItemFailures", empty());
        assertEquals(List.of("greet:dee"), recorded.calls());
    }

    @Test
    void theFunctionsRetriesRunWithinTheInvocationAndOnlyWhatStillFailsIsReported() {
        Lambda.invoke(AwsEvents.sqs("arn:aws:sqs:eu-west-1:123456789012:retried", person("twice-a"), person("thrice-b")))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-1")));
        assertEquals(List.of("retried:twice-a:3"), recorded.calls());
        assertEquals(3, recorded.attempts.get("thrice-b").get(), "one attempt and two retries, then reported");
    }
}
