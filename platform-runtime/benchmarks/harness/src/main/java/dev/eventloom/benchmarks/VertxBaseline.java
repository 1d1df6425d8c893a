package dev.eventloom.benchmarks;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The practical ceiling: a raw Vert.x HTTP server with the greeting contract ({@code POST} {@code {"name":"x"}} answers
 * {@code {"message":"Hello x"}}) on any path, one event loop, Jackson for JSON. Port from {@code $PORT}, default 8080.
 */
public final class VertxBaseline {

    record Person(String name) {
    }

    record Greeting(String message) {
    }

    public static void main(String[] args) {
        ObjectMapper mapper = new ObjectMapper();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> answer(request, mapper, body.getBytes())))
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
                    .end(io.vertx.core.buffer.Buffer.buffer(mapper.writeValueAsBytes(new Greeting("Hello " + person.name()))));
        } catch (IOException e) {
            request.response().setStatusCode(400).end();
        }
    }
}
