package dev.eventloom.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The practical ceiling: a raw Vert.x HTTP server with the greeting contract ({@code POST} {@code {"name":"x"}} answers
 * {@code {"message":"Hello x"}}) on any path, one event loop, Jackson for JSON. Port from {@code $PORT}, default 8080.
 * <p>
 * On {@code /cloudevent} it keeps the contract of a function that receives a binary-mode CloudEvent and answers with
 * one, written with the CloudEvents SDK the way its Vert.x module documents: the event read from the request, the
 * greeting answered as a new event (new id, a source and type of its own, the time, the data's content type, the
 * causing event's id as an extension), as Eventloom answers a CloudEvent. Anywhere else it ignores {@code ce-} headers.
 */
public final class VertxBaseline {

    record Person(String name) {
    }

    record Greeting(String message) {
    }

    private static final URI SOURCE = URI.create("urn:bench:vertx:greet");

    public static void main(String[] args) {
        ObjectMapper mapper = new ObjectMapper();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    if (request.path().equals("/cloudevent")) {
                        answerEvent(request, mapper, body);
                    } else {
                        answer(request, mapper, body.getBytes());
                    }
                }))
                .listen(port)
                .onFailure(failure -> {
                    java.util.logging.Logger.getLogger("vertx-baseline").severe("Cannot listen on " + port + ": " + failure);
                    System.exit(1);
                });
    }

    private static void answer(HttpServerRequest request, ObjectMapper mapper, byte[] body) {
        try {
            Person person = mapper.readValue(body, Person.class);
            request.response().putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(new Greeting("Hello " + person.name()))));
        } catch (IOException e) {
            request.response().setStatusCode(400).end();
        }
    }

    private static void answerEvent(HttpServerRequest request, ObjectMapper mapper, Buffer body) {
        try {
            CloudEvent event = VertxMessageFactory.createReader(request.headers(), body).toEvent();
            if (event.getData() == null) {
                request.response().setStatusCode(400).end();
                return;
            }
            Person person = mapper.readValue(event.getData().toBytes(), Person.class);
            CloudEvent reply = CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(SOURCE)
                    .withType("greet.output")
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withExtension("causationid", event.getId())
                    .withData(mapper.writeValueAsBytes(new Greeting("Hello " + person.name())))
                    .build();
            VertxMessageFactory.createWriter(request.response()).writeBinary(reply);
        } catch (IOException | CloudEventRWException e) {
            request.response().setStatusCode(400).end();
        }
    }
}
