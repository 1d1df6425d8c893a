package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.CloudEvent;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.Header;
import io.restassured.http.Headers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** Every way an event reaches a function over HTTP, and the reply it gets back. */
class CloudEventModesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class, Greeting.class, Recorded.class,
                    Query.class, Address.class, PerRequest.class));

    public record Address(String city) {
    }

    public record Query(String name, int count, Address address, List<String> tag) {
    }

    @jakarta.enterprise.context.RequestScoped
    public static class PerRequest {
        private int calls;

        int next() {
            return ++calls;
        }
    }

    public static class Functions {

        @Inject
        Recorded recorded;

        @Inject
        PerRequest perRequest;

        @Funq
        public int requestScoped() {
            return perRequest.next();
        }

        @Funq
        @Trigger(type = "test.scoped")
        public void scopedA() throws InterruptedException {
            int first = perRequest.next();
            Thread.sleep(200);
            recorded.add("A:" + first + "," + perRequest.next());
        }

        @Funq
        @Trigger(type = "test.scoped")
        public void scopedB() throws InterruptedException {
            int first = perRequest.next();
            Thread.sleep(200);
            recorded.add("B:" + first + "," + perRequest.next());
        }

        @Funq
        @Trigger(type = "test.greet")
        @Reply(type = "test.greeted")
        public Uni<Greeting> greet(Person person, @Context EventContext event) {
            return Uni.createFrom().item(new Greeting("Hello " + person.name() + " (" + event.transport() + ", "
                    + event.subject() + ", " + event.header("X-Test") + ")"));
        }

        @Funq
        @Trigger(type = "test.record")
        public void record(CloudEvent<Person> event) {
            recorded.add(event.id() + ":" + event.type() + ":" + event.subject() + ":" + event.data().name());
        }

        @Funq
        public Greeting hello(Person person) {
            return new Greeting("Hello " + person.name());
        }

        @Funq
        public void discard(Person person) {
            recorded.add("discarded " + person.name());
        }

        @Funq
        public String echo(String text) {
            return text;
        }

        @Funq
        public int size(byte[] data) {
            return data.length;
        }

        @Funq
        public byte[] reverse(byte[] data) {
            byte[] reversed = new byte[data.length];
            for (int i = 0; i < data.length; i++) {
                reversed[i] = data[data.length - 1 - i];
            }
            return reversed;
        }

        @Funq
        public Query query(Query query) {
            return query;
        }

        @Funq
        public io.cloudevents.CloudEvent raw(io.cloudevents.CloudEvent event) {
            return CloudEventBuilder.v1(event).withId("reply-" + event.getId()).withType("test.raw.reply").build();
        }

        @Funq
        @Trigger(type = "test.custom")
        public CloudEvent<Greeting> custom(Person person) {
            return CloudEvent.of(new Greeting("Hi " + person.name())).withType("test.custom.reply")
                    .withSubject("greetings/" + person.name()).withExtension("tenant", "acme");
        }

        @Funq
        public CloudEvent<Greeting> empty(Person person) {
            return CloudEvent.<Greeting> of(null).withType("test.empty");
        }
    }

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    @Test
    void binaryModeEventIsRoutedAndItsReplyComesBackInBinaryMode() {
        given().header("ce-specversion", "1.0").header("ce-id", "e-1").header("ce-source", "/tests")
                .header("ce-type", "test.greet").header("ce-subject", "paris").header("X-Test", "yes")
                .contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/")
                .then().statusCode(200)
                .header("ce-specversion", "1.0")
                .header("ce-type", "test.greeted")
                .header("ce-source", "urn:eventloom:function:greet")
                .header("ce-causationid", "e-1")
                .header("ce-id", not(equalTo("e-1")))
                .header("ce-time", startsWith("20"))
                .contentType(startsWith("application/json"))
                .body("message", equalTo("Hello Ada (http, paris, yes)"));
    }

    @Test
    void structuredModeEventIsRouted() {
        given().contentType("application/cloudevents+json; charset=utf-8")
                .body("""
                        {"specversion":"1.0","id":"e-2","source":"/tests","type":"test.greet",
                         "datacontenttype":"application/json","data":{"name":"Grace"}}
                        """)
                .post("/")
                .then().statusCode(200)
                .header("ce-type", "test.greeted")
                .header("ce-causationid", "e-2")
                .body("message", equalTo("Hello Grace (http, null, null)"));
    }

    @Test
    void anEventPostedToAFunctionSkipsItsTriggers() {
        given().header("ce-specversion", "1.0").header("ce-id", "e-3").header("ce-source", "/tests")
                .header("ce-type", "some.other.type").contentType("application/json").body("{\"name\":\"Alan\"}")
                .post("/greet")
                .then().statusCode(200).header("ce-type", "test.greeted");
    }

    @Test
    void aFunctionWithoutReplyAnswers202ToAnEvent() {
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"e-4","source":"/tests","type":"test.record","subject":"s1",
                         "data":{"name":"Edsger"}}
                        """)
                .post("/record")
                .then().statusCode(202);
        assertEquals(List.of("e-4:test.record:s1:Edsger"), recorded.entries());
    }

    @Test
    void aBatchIsRoutedEventByEvent() {
        given().contentType("application/cloudevents-batch+json")
                .body("""
                        [{"specversion":"1.0","id":"b-1","source":"/tests","type":"test.record","data":{"name":"A"}},
                         {"specversion":"1.0","id":"b-2","source":"/tests","type":"test.record","data":{"name":"B"}}]
                        """)
                .post("/")
                .then().statusCode(202);
        assertEquals(List.of("b-1:test.record:null:A", "b-2:test.record:null:B"),
                recorded.entries().stream().sorted().toList());
    }

    @Test
    void aBatchPostedToAFunctionGoesToIt() {
        given().contentType("application/cloudevents-batch+json")
                .body("[{\"specversion\":\"1.0\",\"id\":\"b-3\",\"source\":\"/t\",\"type\":\"x\",\"data\":{\"name\":\"C\"}}]")
                .post("/record")
                .then().statusCode(202);
        assertEquals(List.of("b-3:x:null:C"), recorded.entries());
    }

    @Test
    void anEmptyBatchIsAccepted() {
        given().contentType("application/cloudevents-batch+json").body("[]").post("/").then().statusCode(202);
    }

    @Test
    void eachInvocationHasItsOwnRequestContext() {
        given().post("/requestScoped").then().statusCode(200).body(equalTo("1"));
        given().post("/requestScoped").then().statusCode(200).body(equalTo("1"));
    }

    @Test
    void deliveriesOfOneFanOutRunningAtOnceEachHaveTheirOwnRequestContext() {
        given().header("ce-specversion", "1.0").header("ce-id", "s-1").header("ce-source", "/tests")
                .header("ce-type", "test.scoped").post("/")
                .then().statusCode(202);
        assertEquals(List.of("A:1,2", "B:1,2"), recorded.entries().stream().sorted().toList());
    }

    @Test
    void plainJsonWorksLikeFunqyHttp() {
        Headers headers = given().contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/hello")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .body("message", equalTo("Hello Ada"))
                .extract().headers();
        // the data alone: no ce- headers naming an event the caller never sent
        assertEquals(List.of(), headers.asList().stream().map(Header::getName)
                .filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("ce-")).toList());
    }

    @Test
    void plainDataGetsOnlyTheDataOfAReturnedCloudEvent() {
        // a CloudEvent sent to the same function gets all its attributes: aReturnedCloudEventSetsTheReplyAttributes
        given().contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/custom")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .header("ce-type", nullValue())
                .header("ce-subject", nullValue())
                .header("ce-tenant", nullValue())
                .body("message", equalTo("Hi Ada"));
    }

    @Test
    void aReplyWithoutDataIs204ToPlainDataAndABodilessEventToACloudEvent() {
        given().contentType("application/json").body("{\"name\":\"Ada\"}").post("/empty")
                .then().statusCode(204).header("ce-type", nullValue());
        given().header("ce-specversion", "1.0").header("ce-id", "c-3").header("ce-source", "/tests")
                .header("ce-type", "test.anything").contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/empty")
                .then().statusCode(200).header("ce-type", "test.empty").header("ce-causationid", "c-3")
                .body(equalTo(""));
    }

    @Test
    void plainJsonToAVoidFunctionAnswers204() {
        given().contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/discard")
                .then().statusCode(204);
        assertEquals(List.of("discarded Ada"), recorded.entries());
    }

    @Test
    void textBindsToAStringAndAStringReplyIsJson() {
        assertEquals("\"héllo\"", given().contentType("text/plain; charset=UTF-8").body("héllo").post("/echo")
                .then().statusCode(200).extract().asString());
        assertEquals("\"latin\"", given().contentType("text/plain; charset=ISO-8859-1").body("latin").post("/echo")
                .then().statusCode(200).extract().asString());
        assertEquals("\"quoted\"", given().contentType("application/json").body("\"quoted\"").post("/echo")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void bytesBindAsTheyAreAndABytesReplyIsOctetStream() {
        byte[] reversed = given().contentType("application/octet-stream").body(new byte[] { 1, 2, 3 })
                .post("/reverse")
                .then().statusCode(200).contentType("application/octet-stream")
                .extract().asByteArray();
        assertEquals(List.of((byte) 3, (byte) 2, (byte) 1), List.of(reversed[0], reversed[1], reversed[2]));
    }

    @Test
    void getBindsQueryParametersLikeFunqyHttp() {
        given().get("/query?name=Ada&count=3&address.city=London&tag=a&tag=b")
                .then().statusCode(200)
                .body("name", equalTo("Ada"))
                .body("count", equalTo(3))
                .body("address.city", equalTo("London"))
                .body("tag", equalTo(List.of("a", "b")));
    }

    @Test
    void aFunctionMayTakeAndReturnSdkCloudEvents() {
        given().header("ce-specversion", "1.0").header("ce-id", "r-1").header("ce-source", "/tests")
                .header("ce-type", "test.raw").contentType("text/plain").body("payload")
                .post("/raw")
                .then().statusCode(200)
                .header("ce-id", "reply-r-1")
                .header("ce-type", "test.raw.reply")
                .header("ce-source", "/tests")
                .header("ce-causationid", "r-1")
                .body(equalTo("payload"));
    }

    @Test
    void aReturnedCloudEventSetsTheReplyAttributes() {
        given().header("ce-specversion", "1.0").header("ce-id", "c-1").header("ce-source", "/tests")
                .header("ce-type", "test.custom").contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/")
                .then().statusCode(200)
                .header("ce-type", "test.custom.reply")
                .header("ce-subject", "greetings/Ada")
                .header("ce-tenant", "acme")
                .header("ce-source", "urn:eventloom:function:custom")
                .header("ce-causationid", "c-1")
                .body("message", equalTo("Hi Ada"));
    }

    @Test
    void aLargePayloadIsAcceptedUnderTheLimit() {
        byte[] large = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        given().contentType("application/octet-stream").body(large).post("/size")
                .then().statusCode(200).body(equalTo(String.valueOf(large.length)));
    }

    @Test
    void theCloudeventsSdkAsAClientGetsAReplyItCanRead() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            WebClient client = WebClient.create(vertx);
            io.cloudevents.CloudEvent request = CloudEventBuilder.v1().withId("sdk-1").withSource(URI.create("/sdk"))
                    .withType("test.greet").withData("application/json",
                            "{\"name\":\"Barbara\"}".getBytes(StandardCharsets.UTF_8))
                    .build();
            for (boolean structured : new boolean[] { false, true }) {
                var writer = VertxMessageFactory.createWriter(client.postAbs(url("/")));
                var sent = structured ? writer.writeStructured(request, JsonFormat.CONTENT_TYPE)
                        : writer.writeBinary(request);
                HttpResponse<Buffer> response = sent.toCompletionStage().toCompletableFuture()
                        .get(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                assertEquals(200, response.statusCode());
                io.cloudevents.CloudEvent reply = VertxMessageFactory.createReader(response).toEvent();
                assertEquals("test.greeted", reply.getType());
                assertEquals("sdk-1", reply.getExtension("causationid"));
                assertEquals("{\"message\":\"Hello Barbara (http, null, null)\"}",
                        new String(reply.getData().toBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    static String url(String path) {
        return "http://localhost:" + io.restassured.RestAssured.port + path;
    }
}
