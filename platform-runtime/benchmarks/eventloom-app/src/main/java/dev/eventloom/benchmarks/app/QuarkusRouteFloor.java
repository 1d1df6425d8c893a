package dev.eventloom.benchmarks.app;

import java.io.IOException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.Router;

/**
 * The floor under Eventloom in the same process: the greeting contract as a bare Vert.x route on Quarkus's HTTP
 * server ({@code POST /floor/hello}), with no Eventloom in the path. The distance between this and raw Vert.x is
 * Quarkus's HTTP layer; the distance between this and {@code /hello} is Eventloom's.
 */
@Singleton
public class QuarkusRouteFloor {

    void routes(@Observes Router router, ObjectMapper mapper) {
        router.post("/floor/hello").handler(context -> {
            // Quarkus hands routes a paused request: ask for the body, then let it flow.
            context.request().body().onSuccess(body -> {
                try {
                    Greetings.Person person = mapper.readValue(body.getBytes(), Greetings.Person.class);
                    context.response().putHeader("Content-Type", "application/json")
                            .end(io.vertx.core.buffer.Buffer.buffer(
                                    mapper.writeValueAsBytes(new Greetings.Greeting("Hello " + person.name()))));
                } catch (IOException e) {
                    context.response().setStatusCode(400).end();
                }
            });
            context.request().resume();
        });
    }
}
