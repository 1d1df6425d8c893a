package dev.eventloom.http.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * An HTTP sink served by the application under test itself, at {@code /test-sink}: it keeps the CloudEvents it
 * receives, and refuses those of type {@code test.refused.reply} with 503.
 */
@Singleton
public class TestSink {

    private final List<CloudEvent> received = new CopyOnWriteArrayList<>();

    void routes(@Observes Router router) {
        router.post("/test-sink/events").order(-1).handler(BodyHandler.create()).handler(context -> {
            CloudEvent event = VertxMessageFactory.createReader(context.request().headers(), context.body().buffer())
                    .toEvent();
            if (event.getType().equals("test.refused.reply")) {
                context.response().setStatusCode(503).end();
                return;
            }
            received.add(event);
            context.response().setStatusCode(202).end();
        });
    }

    public List<CloudEvent> received() {
        return received;
    }
}
