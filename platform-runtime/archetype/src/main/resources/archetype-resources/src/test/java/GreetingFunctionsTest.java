package ${package};

import static io.restassured.RestAssured.given;
#if( $binding == "kafka" )
import static org.awaitility.Awaitility.await;
#end
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

#if( $binding == "lambda" || $binding == "kafka" )
import java.net.URL;
#end
#if( $binding == "kafka" )
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
#end

import jakarta.inject.Inject;

#if( $binding == "kafka" )
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
#end
import org.junit.jupiter.api.Test;

import dev.eventloom.test.EventloomClient;
import dev.eventloom.test.Events;
#if( $binding == "kafka" )
import dev.eventloom.testkit.kafka.KafkaClients;
import dev.eventloom.testkit.kafka.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
#end
#if( $binding == "lambda" || $binding == "kafka" )
import io.quarkus.test.common.http.TestHTTPResource;
#end
import io.quarkus.test.junit.QuarkusTest;
#if( $binding == "lambda" )
import io.restassured.path.json.JsonPath;
#end

@QuarkusTest
#if( $binding == "kafka" )
@QuarkusTestResource(KafkaResource.class)
#end
class GreetingFunctionsTest {

    @Inject
    EventloomClient eventloom;

    /** In the process, through the router: no HTTP, no broker. */
    @Test
    void theFunctionRepliesToAGreetingRequest() {
        Greeting greeting = eventloom.send(Events.cloudEvent("greeting.requested").json(new Person("Ada")))
                .replyData(Greeting.class);
        assertEquals("Hello Ada", greeting.message());
    }
#if( $binding == "lambda" || $binding == "kafka" )

    /** The application's own HTTP port. */
    @TestHTTPResource("/")
    URL http;
#end

    @Test
    void aGreetingRequestIsAnsweredWithAGreetingSentEvent() {
        given()
#if( $binding == "lambda" || $binding == "kafka" )
                .baseUri(http.toString())
#end
                .header("ce-specversion", "1.0")
                .header("ce-id", "request-1")
                .header("ce-source", "/tests")
                .header("ce-type", "greeting.requested")
                .contentType("application/json")
                .body("{\"name\":\"Ada\"}")
                .post("/")
                .then()
                .statusCode(200)
                .header("ce-type", "greeting.sent")
                .header("ce-causationid", "request-1")
                .body("message", equalTo("Hello Ada"));
    }

    @Test
    void theFunctionAnswersPlainJsonToo() {
        given()
#if( $binding == "lambda" || $binding == "kafka" )
                .baseUri(http.toString())
#end
                .contentType("application/json")
                .body("{\"name\":\"Grace\"}")
                .post("/greet")
                .then()
                .statusCode(200)
                .body("message", equalTo("Hello Grace"));
    }
#if( $binding == "lambda" )

    /** The same CloudEvent as Lambda receives it from an API Gateway HTTP API, through the mock Runtime API. */
    @Test
    void aCloudEventThroughApiGatewayOnLambdaIsAnsweredToo() {
        String event = """
                {"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
                 "headers": {"content-type": "application/json", "ce-specversion": "1.0", "ce-id": "request-2",
                             "ce-source": "/tests", "ce-type": "greeting.requested"},
                 "requestContext": {"accountId": "123456789012", "apiId": "api", "requestId": "r-1",
                                    "routeKey": "$default", "stage": "$default",
                                    "http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1",
                                             "sourceIp": "192.0.2.1", "userAgent": "test"}},
                 "body": "{\\"name\\":\\"Ada\\"}", "isBase64Encoded": false}
                """;
        String answer = given().port(8083).contentType("application/json").body(event).post("/_lambda_")
                .then()
                .statusCode(200)
                .extract().asString();
        JsonPath response = JsonPath.from(answer);
        assertEquals(200, response.getInt("statusCode"));
        assertEquals("greeting.sent", response.getString("headers.ce-type"));
        assertEquals("{\"message\":\"Hello Ada\"}", response.getString("body"));
    }
#end
#if( $binding == "kafka" )

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** A CloudEvent on the requests topic gets its reply on the greetings topic. */
    @Test
    void aGreetingRequestOnKafkaIsAnsweredOnTheGreetingsTopic() throws Exception {
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap)) {
            producer.send(KafkaClients.cloudEvent("greeting-requests", "ada", "request-3", "/tests",
                    "greeting.requested", "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
        List<ConsumerRecord<String, byte[]>> replies = await().atMost(Duration.ofSeconds(60))
                .until(() -> KafkaClients.read(bootstrap, "greetings", 1, Duration.ofSeconds(2)), r -> !r.isEmpty());
        assertEquals("greeting.sent", KafkaClients.header(replies.get(0), "ce_type"));
        assertEquals("request-3", KafkaClients.header(replies.get(0), "ce_causationid"));
        assertEquals("{\"message\":\"Hello Ada\"}", new String(replies.get(0).value(), StandardCharsets.UTF_8));
    }
#end
}
