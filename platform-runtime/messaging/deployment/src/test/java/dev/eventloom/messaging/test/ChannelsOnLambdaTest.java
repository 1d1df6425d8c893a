package dev.eventloom.messaging.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * On AWS Lambda the event source mapping polls the broker: the channels are not consumed, so the function never joins
 * the consumer group. The binding subscribes to a channel at startup and logs it when it does; here it must log that
 * it does not, and never that it does.
 */
class ChannelsOnLambdaTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Received.app()
            .overrideRuntimeConfigKey("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("dev.eventloom.messaging"))
            .assertLogRecords(records -> {
                assertTrue(records.stream().map(LogRecord::getMessage).anyMatch(m -> m.contains("[EVL-0005]")),
                        "the binding says why it does not consume");
                assertFalse(records.stream().map(ChannelsOnLambdaTest::text).anyMatch(m -> m.contains("feeds the")),
                        "no channel was subscribed to");
            });

    private static String text(LogRecord record) {
        return record.getParameters() == null ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }

    @Test
    void theApplicationStartsWithoutConsuming() {
        // The assertions run on the startup log (assertLogRecords).
    }
}
