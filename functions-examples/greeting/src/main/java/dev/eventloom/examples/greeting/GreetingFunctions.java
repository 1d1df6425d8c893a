package dev.eventloom.examples.greeting;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import dev.eventloom.CloudEvent;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;

/** One function of each kind Eventloom runs. */
public class GreetingFunctions {

    @Inject
    Guestbook guestbook;

    @Inject
    Announcements announcements;

    /**
     * Plain JSON, Funqy style: {@code POST /hello {"name":"Ada"}} answers {@code {"message":"Hello Ada"}}. It never
     * blocks, so it runs on the event loop.
     */
    @Funq
    @NonBlocking
    public Greeting hello(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /**
     * Triggered by {@code dev.eventloom.greeting.requested} CloudEvents; its reply is a
     * {@code dev.eventloom.greeting.sent} event. Returning {@code Uni} makes it run on the event loop.
     */
    @Funq
    @Trigger(type = "dev.eventloom.greeting.requested")
    @Reply(type = "dev.eventloom.greeting.sent")
    public Uni<Greeting> greet(Person person, @Context EventContext event) {
        String greeting = event.subject() == null ? "Hello " : "Hello from " + event.subject() + ", ";
        return Uni.createFrom().item(new Greeting(greeting + person.name()));
    }

    /**
     * Signs the guestbook for every {@code dev.eventloom.guestbook.signed} event, reading the event's attributes and
     * data together. A plain signature runs on the worker pool, where writing to a store may block.
     */
    @Funq
    @Trigger(type = "dev.eventloom.guestbook.signed")
    public void sign(CloudEvent<Person> entry) {
        guestbook.sign(entry.data().name() + (entry.subject() == null ? "" : " (" + entry.subject() + ")"));
    }

    /**
     * Triggered by the replies of {@code greet}: the second step of a chain. Without a sink (dev mode, tests) the local
     * broker hands it {@code greet}'s replies in the process; on Knative the Broker does.
     */
    @Funq
    @Trigger(type = "dev.eventloom.greeting.sent")
    @NonBlocking
    public void announce(Greeting greeting) {
        announcements.add(greeting.message());
    }

    /** {@code GET /announcements}: the greetings {@code announce} received, latest last. */
    @Funq
    @NonBlocking
    public List<String> announcements() {
        return announcements.all();
    }

    /** {@code GET /guestbook}: who signed. */
    @Funq
    public List<String> guestbook() {
        return guestbook.names();
    }

    /**
     * Only for greeting requests from gold-tier visitors, selected with a CloudEvents SQL filter on the {@code tier}
     * extension. It runs beside {@code greet} (fan-out) on a virtual thread and signs them in as VIPs.
     */
    @Funq("vip-welcome")
    @Trigger(cesql = "type = 'dev.eventloom.greeting.requested' AND tier = 'gold'")
    @RunOnVirtualThread
    public void vipWelcome(Person person) {
        guestbook.sign(person.name().toUpperCase(Locale.ROOT) + " (VIP)");
    }
}
