package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A dead letter that is an AWS ARN belongs to the infrastructure (the queue's redrive policy, which the Terraform module
 * wires from the manifest): after the function's own retries the record is reported failed, so SQS redelivers it and
 * finally moves it to that queue. The runtime sends nothing itself, and never runs the function once more.
 */
class InfrastructureDeadLetterTest {

    static final String DEAD_LETTER = "arn:aws:sqs:eu-west-1:123456789012:retried-dlq";

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app()
            .overrideConfigKey("eventloom.function.\"retried\".dead-letter", DEAD_LETTER)
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("dev.eventloom"))
            .assertLogRecords(records -> assertTrue(records.stream().map(InfrastructureDeadLetterTest::text)
                    .anyMatch(m -> m.contains("[EVL-0304] Event msg-0 failed after 3 attempt(s) of function 'retried'")
                            && m.contains(DEAD_LETTER)), "the failure is logged with the dead letter that takes it"));

    private static String text(LogRecord record) {
        return record.getParameters() == null ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }

    @Inject
    Recorded recorded;

    @Test
    void theRecordIsReportedFailedAfterTheFunctionsOwnRetries() {
        Lambda.invoke(AwsEvents.sqs("arn:aws:sqs:eu-west-1:123456789012:retried", person("thrice-a"), person("twice-b")))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-0")));
        List<String> calls = recorded.calls();
        assertTrue(calls.contains("retried:twice-b:3"), calls.toString());
        assertEquals(0, calls.stream().filter(c -> c.startsWith("retried:thrice-a")).count(),
                "three attempts, all failed, and no fourth: " + calls);
    }
}
