package dev.eventloom.http.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.eventloom.core.runtime.HeaderValues;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * An HTTP sink served by the application under test itself, at {@code /test-sink}: it keeps the CloudEvents it
 * receives, refuses those of type {@code test.refused.reply} with 503 and redirects those of type
 * {@code test.redirected.reply} with 303 to {@code /test-sink/internal}, which counts every request it gets.
 */
@Singleton
public class TestSink {

    private final List<CloudEvent> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger redirectedTo = new java.util.concurrent.atomic.AtomicInteger();

    void routes(@Observes Router router) {
        router.route("/test-sink/internal").order(-1).handler(context -> {
            redirectedTo.incrementAndGet();
            context.response().setStatusCode(200).end();
        });
        router.post("/test-sink/events").order(-1).handler(BodyHandler.create()).handler(context -> {
            // The HTTP binding percent-encodes attribute values; the SDK's reader takes them as they are
            io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
            context.request().headers().forEach((name, value) -> headers.add(name,
                    name.toLowerCase(java.util.Locale.ROOT).startsWith("ce-") ? HeaderValues.decode(value) : value));
            CloudEvent event = VertxMessageFactory.createReader(headers, context.body().buffer()).toEvent();
            if (event.getType().equals("test.refused.reply")) {
                context.response().setStatusCode(503).end();
                return;
            }
            if (event.getType().equals("test.redirected.reply")) {
                context.response().setStatusCode(303).putHeader("Location", "/test-sink/internal").end();
                return;
            }
            received.add(event);
            context.response().setStatusCode(202).end();
        });
    }

    public int redirectedTo() {
        return redirectedTo.get();
    }

    public List<CloudEvent> received() {
        return received;
    }
}
