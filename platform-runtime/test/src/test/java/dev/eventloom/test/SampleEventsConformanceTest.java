package dev.eventloom.test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.samples.AwsEvents;

/**
 * The sample events against AWS's own (Powertools' sample events in {@code ../shared/fixtures/aws-events}): every
 * field a sample has, the real event of that source has too, so nothing a function reads from a sample is invented.
 * Run with {@code -Pconformance -Dfixtures.dir=<shared/fixtures>}.
 */
class SampleEventsConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldOfEverySampleIsAFieldOfTheRealEvent() throws Exception {
        String dir = System.getProperty("fixtures.dir");
        assertNotNull(dir, "set -Dfixtures.dir to the shared fixtures folder");
        Map<String, String> samples = Map.ofEntries(
                Map.entry("sqsEvent.json", AwsEvents.sqs("arn:aws:sqs:us-east-2:123456789012:my-queue", "a")),
                Map.entry("snsEvent.json", AwsEvents.sns("arn:aws:sns:us-east-2:123456789012:sns-lambda", "m")),
                Map.entry("s3Event.json", AwsEvents.s3ObjectCreated("lambda-artifacts", "key")),
                Map.entry("eventBridgeEvent.json", AwsEvents.eventBridge("aws.ec2", "EC2 Instance State-change",
                        "{}")),
                Map.entry("kinesisStreamEvent.json", AwsEvents.kinesis("arn:aws:kinesis:us-east-2:1:stream/s", "x")),
                Map.entry("dynamoStreamEvent.json", AwsEvents.dynamoDbInserts("arn:aws:dynamodb:us-east-2:1:table/t"
                        + "/stream/2026", "{\"Id\":{\"N\":\"1\"}}")),
                Map.entry("apiGatewayProxyV2Event.json", AwsEvents.httpApi("POST", "/my/path", "{}")),
                Map.entry("apiGatewayProxyEvent.json", AwsEvents.restApi("POST", "/my/path", "{}")),
                Map.entry("albEvent.json", AwsEvents.alb("POST", "/lambda", "{}")),
                Map.entry("lambdaFunctionUrlIAMEvent.json", AwsEvents.functionUrl("POST", "/", "{}")),
                Map.entry("kafkaEventMsk.json", AwsEvents.kafka("arn:aws:kafka:us-east-1:1:cluster/c/1", "mytopic",
                        "v")));
        List<String> invented = new ArrayList<>();
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            JsonNode real = JSON.readTree(Path.of(dir, "aws-events", sample.getKey()).toFile());
            fieldsMissing(JSON.readTree(sample.getValue()), real, sample.getKey() + ":", invented);
        }
        assertTrue(invented.isEmpty(), "fields the real events do not have: " + invented);
    }

    /** Every object field of {@code sample} (arrays: their first element) that {@code real} lacks. */
    private static void fieldsMissing(JsonNode sample, JsonNode real, String path, List<String> invented) {
        if (sample.isObject()) {
            if (!real.isObject()) {
                invented.add(path + " (an object where the real event has " + real.getNodeType() + ")");
                return;
            }
            boolean freeForm = path.endsWith("/detail") || path.endsWith("/headers") || path.endsWith("/NewImage")
                    || path.endsWith("/Keys") || path.endsWith("/messageAttributes")
                    || path.endsWith("/MessageAttributes") || path.endsWith("/records")
                    || path.endsWith("/queryStringParameters") || path.endsWith("/multiValueHeaders");
            for (Iterator<Map.Entry<String, JsonNode>> fields = sample.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode counterpart = real.get(field.getKey());
                if (counterpart == null) {
                    if (!freeForm) {
                        invented.add(path + "/" + field.getKey());
                    }
                } else if (!counterpart.isNull()) {
                    fieldsMissing(field.getValue(), counterpart, path + "/" + field.getKey(), invented);
                }
            }
        } else if (sample.isArray() && sample.size() > 0 && real.isArray() && real.size() > 0) {
            fieldsMissing(sample.get(0), real.get(0), path + "/0", invented);
        }
    }
}
