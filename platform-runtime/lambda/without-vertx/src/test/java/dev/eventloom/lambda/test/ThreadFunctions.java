package dev.eventloom.lambda.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.Context;

import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/** Functions that note the thread they ran on and their request context, in an application without Vert.x. */
public class ThreadFunctions {

    /** One per request context. */
    @RequestScoped
    public static class RequestProbe {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final int id = NEXT.incrementAndGet();

        public int id() {
            return id;
        }
    }

    /** What the functions saw: "function name thread request-id". */
    @Singleton
    public static class Seen {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final java.util.Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        /** For each call of greet: whether it came through the fast lane, without a Uni pipeline. */
        final List<Boolean> fastLane = new CopyOnWriteArrayList<>();

        public List<Boolean> fastLane() {
            return List.copyOf(fastLane);
        }

        public List<String> calls() {
            return List.copyOf(calls);
        }

        public void clear() {
            calls.clear();
            attempts.clear();
            fastLane.clear();
        }
    }

    @Inject
    RequestProbe probe;

    @Inject
    Seen seen;

    /** An event-loop function with a synchronous signature. */
    @Funq
    @NonBlocking
    @Trigger(source = "signups")
    public String greet(Signup signup) {
        if (signup.name().startsWith("fail")) {
            throw new IllegalStateException("cannot greet " + signup.name());
        }
        seen.fastLane.add(StackWalker.getInstance().walk(frames -> frames
                .anyMatch(frame -> frame.getClassName().endsWith(".CallingThreadInvoker"))));
        seen.calls.add("greet " + signup.name() + " " + Thread.currentThread().getName() + " " + probe.id());
        return "Hello " + signup.name();
    }

    /** An event-loop function that fails its first attempt at each name, and is retried. */
    @Funq
    @NonBlocking
    @Delivery(retries = 2, backoffDelay = "20ms")
    @Trigger(source = "flaky")
    public String flaky(Signup signup) {
        int attempt = seen.attempts.computeIfAbsent(signup.name(), name -> new AtomicInteger()).incrementAndGet();
        seen.calls.add("flaky " + signup.name() + " " + attempt + " " + Thread.currentThread().getName());
        if (attempt == 1) {
            throw new IllegalStateException("first attempt at " + signup.name());
        }
        return "Flaky " + signup.name();
    }

    /** A blocking function. */
    @Funq
    @Blocking
    @Trigger(source = "orders")
    public String order(Signup signup) throws InterruptedException {
        Thread.sleep(signup.sleepMillis());
        seen.calls.add("order " + signup.name() + " " + Thread.currentThread().getName() + " " + probe.id());
        return "Ordered " + signup.name();
    }

    /** A non-blocking function whose result comes later, from another thread. */
    @Funq
    @Trigger(source = "later")
    public Uni<String> later(Signup signup) {
        return Uni.createFrom().item(() -> "Later " + signup.name())
                .onItem().delayIt().by(java.time.Duration.ofMillis(signup.sleepMillis()));
    }

    /** What a function sees of the Lambda invocation. */
    @Funq
    @Blocking
    @Trigger(source = "context")
    public void context(Signup signup, @io.quarkus.funqy.Context EventContext context) {
        seen.calls.add("context " + context.transportObject(Context.class).map(Context::getAwsRequestId).orElse("none")
                + " " + context.remainingTime().toMillis());
    }
}
