package dev.eventloom.lambda.test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/** SNS, S3 and EventBridge: no partial answers, so a failed record fails the invocation (Lambda retries it). */
class NotificationsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    @Test
    void snsNotificationsCarrySubjectAndMessage() {
        Lambda.invoke(AwsEvents.sns("Disk", "almost full")).then().statusCode(200);
        assertEquals(List.of("alert:Disk:almost full"), recorded.calls());
    }

    @Test
    void aFailedSnsDeliveryIsAFunctionErrorWithoutStackTrace() {
        Lambda.invoke(AwsEvents.sns("Disk", "fail now")).then().statusCode(500)
                .body("errorType", containsString("LambdaFunctionError"))
                .body("errorMessage", containsString("[FunctionFailed]"))
                .body("errorMessage", containsString("cannot handle Disk:fail now"))
                .body("stackTrace", nullValue());
        // the runtime keeps polling
        Lambda.invoke(AwsEvents.sns("Disk", "fine")).then().statusCode(200);
    }

    @Test
    void s3NotificationsFollowTheCloudEventsAdapter() {
        Lambda.invoke(AwsEvents.s3("uploads", "photos/cat.jpg")).then().statusCode(200);
        assertEquals(List.of("upload:aws:s3.eu-west-1.uploads:photos/cat.jpg"), recorded.calls());
    }

    @Test
    void s3EventsThroughEventBridgeReachTheSameFunction() {
        Lambda.invoke(AwsEvents.eventBridge("aws.s3", "Object Created", new JsonObject()
                .put("version", "0").put("bucket", new JsonObject().put("name", "uploads"))
                .put("object", new JsonObject().put("key", "photos/dog.jpg").put("size", 10))
                .put("reason", "PutObject"))).then().statusCode(200);
        assertEquals(List.of("upload:aws:s3.eu-west-1.uploads:photos/dog.jpg"), recorded.calls());
    }

    @Test
    void scheduledEventsReachTheScheduleTrigger() {
        Lambda.invoke(AwsEvents.scheduled("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa")).then().statusCode(200);
        assertEquals(List.of("scheduled:Scheduled Event:53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa"), recorded.calls());
    }

    @Test
    void customEventBridgeEventsAreRoutedByDetailType() {
        Lambda.invoke(AwsEvents.eventBridge("com.example.shop", "OrderPlaced", new JsonObject().put("order", 7)))
                .then().statusCode(200);
        assertEquals(List.of("scheduled:OrderPlaced:6a7e8feb-b491-4cf7-a9f1-bf3703467718"), recorded.calls());
    }

    @Test
    void anEventBridgeEventNoTriggerMatchesIsAnError() {
        Lambda.invoke(AwsEvents.eventBridge("com.example.shop", "Unknown Thing", new JsonObject()))
                .then().statusCode(500)
                .body("errorMessage", containsString("[NotFound]"))
                .body("errorMessage", containsString("Unknown Thing"));
    }

    @Test
    void recordsOfAnUnknownSourceAreRefusedWithTheSupportedList() {
        Lambda.invoke("{\"Records\":[{\"eventSource\":\"aws:ses\",\"ses\":{}}]}").then().statusCode(500)
                .body("errorMessage", containsString("aws:ses"))
                .body("errorMessage", containsString("aws:sqs"));
        Lambda.invoke(AwsEvents.sns("still", "polling")).then().statusCode(200).body(not(emptyOrNullString()));
        assertEquals(List.of("alert:still:polling"), recorded.calls());
    }

    @Test
    void snsMessagesFromAnUnmappedTopicAreAnError() {
        String event = AwsEvents.sns("x", "y").replace(AwsEvents.ALERTS, "arn:aws:sns:eu-west-1:123456789012:other");
        Lambda.invoke(event).then().statusCode(500).body("errorMessage", containsString("eventloom.lambda.sources"));
        assertEquals(List.of(), recorded.calls());
    }

    @Test
    void eventsWithoutAnErrorAnswerNull() {
        Lambda.invoke(AwsEvents.sns("a", "b")).then().statusCode(200).body(equalTo("null"));
    }
}
