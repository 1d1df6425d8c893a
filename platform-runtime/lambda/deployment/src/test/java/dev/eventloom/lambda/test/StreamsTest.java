package dev.eventloom.lambda.test;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/** Kinesis and DynamoDB Streams: in order per shard, stopping at the first failure, reported by sequence number. */
class StreamsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    private static byte[] json(String name) {
        return new JsonObject().put("name", name).encode().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void kinesisRecordsAreDeliveredInOrder() {
        Lambda.invoke(AwsEvents.records(List.of(
                AwsEvents.kinesisRecord("shardId-000000000000", 1, json("one")),
                AwsEvents.kinesisRecord("shardId-000000000000", 2, json("two")),
                AwsEvents.kinesisRecord("shardId-000000000000", 3, json("three")))))
                .then().statusCode(200).body("batchItemFailures", empty());
        assertEquals(List.of("change:com.amazonaws.kinesis.record:one", "change:com.amazonaws.kinesis.record:two",
                "change:com.amazonaws.kinesis.record:three"), recorded.calls());
    }

    @Test
    void aKinesisFailureStopsTheShardAndReportsItAndEverythingAfter() {
        Lambda.invoke(AwsEvents.records(List.of(
                AwsEvents.kinesisRecord("shardId-000000000000", 1, json("one")),
                AwsEvents.kinesisRecord("shardId-000000000000", 2, json("bad")),
                AwsEvents.kinesisRecord("shardId-000000000000", 3, json("three")))))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("2", "3")));
        assertEquals(List.of("change:com.amazonaws.kinesis.record:one", "change:com.amazonaws.kinesis.record:bad:failed"),
                recorded.calls());
    }

    @Test
    void aKinesisRecordWithInvalidDataIsReportedInItsPlace() {
        JsonObject broken = AwsEvents.kinesisRecord("shardId-000000000000", 2, json("x"));
        broken.getJsonObject("kinesis").put("data", "%%% not base64");
        Lambda.invoke(AwsEvents.records(List.of(
                AwsEvents.kinesisRecord("shardId-000000000000", 1, json("one")), broken,
                AwsEvents.kinesisRecord("shardId-000000000000", 3, json("three")))))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("2", "3")));
        assertEquals(List.of("change:com.amazonaws.kinesis.record:one"), recorded.calls());
    }

    @Test
    void dynamodbChangesReachTheTableTriggerThroughTheTableArn() {
        Lambda.invoke(AwsEvents.records(List.of(
                AwsEvents.dynamodbRecord("INSERT", 100, "ann"),
                AwsEvents.dynamodbRecord("MODIFY", 200, "bad"),
                AwsEvents.dynamodbRecord("MODIFY", 300, "cy"))))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("200", "300")));
        assertEquals(List.of("change:com.amazonaws.dynamodb.INSERT:ann", "change:com.amazonaws.dynamodb.MODIFY:bad:failed"),
                recorded.calls());
    }
}
