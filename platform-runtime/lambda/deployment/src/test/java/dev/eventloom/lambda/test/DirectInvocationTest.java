package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/** Direct invocations: a structured CloudEvent is routed and answered with one; other JSON goes to one function. */
class DirectInvocationTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    @Test
    void aStructuredCloudEventIsAnsweredWithTheReplyEvent() {
        String event = new JsonObject().put("specversion", "1.0").put("id", "c-1").put("source", "/cli")
                .put("type", "test.greet").put("datacontenttype", "application/json")
                .put("data", new JsonObject().put("name", "fay")).encode();
        Lambda.invoke(event).then().statusCode(200)
                .body("specversion", equalTo("1.0"))
                .body("type", equalTo("test.greeting"))
                .body("causationid", equalTo("c-1"))
                .body("id", notNullValue())
                .body("data", equalTo("Hello fay"));
    }

    @Test
    void plainJsonGoesToTheDirectFunction() {
        Lambda.invoke(person("gus")).then().statusCode(200).body(equalTo("\"Hello gus\""));
    }

    @Test
    void aFunctionFailureIsALambdaErrorAndPollingGoesOn() {
        Lambda.invoke(person("fail-direct")).then().statusCode(500)
                .body("errorMessage", containsString("[FunctionFailed]"))
                .body("errorMessage", containsString("java.lang.IllegalStateException: cannot handle fail-direct"));
        Lambda.invoke(person("after")).then().statusCode(200).body(equalTo("\"Hello after\""));
    }

    @Test
    void aPayloadThatIsNotJsonIsAnInvalidEvent() {
        Lambda.invoke("this is { not json").then().statusCode(500)
                .body("errorMessage", containsString("[InvalidEvent]"))
                .body("errorMessage", containsString("not JSON"));
        Lambda.invoke(person("again")).then().statusCode(200).body(equalTo("\"Hello again\""));
    }

    @Test
    void anInvalidCloudEventIsRefused() {
        String event = new JsonObject().put("specversion", "1.0").put("id", "").put("source", "/cli")
                .put("type", "test.greet").encode();
        Lambda.invoke(event).then().statusCode(500).body("errorMessage", containsString("[InvalidEvent]"));
    }

    @Test
    void aCloudEventNoTriggerMatchesIsNotFound() {
        String event = new JsonObject().put("specversion", "1.0").put("id", "c-2").put("source", "/cli")
                .put("type", "nobody.listens").encode();
        Lambda.invoke(event).then().statusCode(500)
                .body("errorMessage", containsString("[NotFound]"))
                .body("errorMessage", containsString("nobody.listens"));
    }
}
