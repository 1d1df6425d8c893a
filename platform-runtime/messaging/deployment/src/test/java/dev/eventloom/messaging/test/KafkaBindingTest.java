package dev.eventloom.messaging.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.CloudEvent;
import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import dev.eventloom.testkit.kafka.KafkaClients;
import dev.eventloom.testkit.kafka.SharedKafka;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;

/** The messaging binding on a real Kafka broker in this JVM. */
class KafkaBindingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, FanOut.class, Seen.class, Topics.class,
                    Item.class))
            .overrideConfigKey("kafka.bootstrap.servers", SharedKafka.bootstrapServers())
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("eventloom.messaging.incoming", "in")
            .overrideConfigKey("eventloom.messaging.outgoing", "out,dlq")
            .overrideConfigKey("eventloom.messaging.channel.in.type", "test.item")
            .overrideConfigKey("eventloom.messaging.channel.in.concurrency", "8")
            .overrideConfigKey("eventloom.sink.url", "channel:out")
            .overrideConfigKey("mp.messaging.incoming.in.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.incoming.in.topic", "binding-in")
            .overrideConfigKey("mp.messaging.incoming.in.auto.offset.reset", "earliest")
            .overrideConfigKey("mp.messaging.outgoing.out.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.out.topic", "binding-out")
            .overrideConfigKey("mp.messaging.outgoing.dlq.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.dlq.topic", "binding-dlq");

    public record Item(String name, int failTimes, long sleepMillis) {
    }

    @Singleton
    public static class Seen {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Map<String, List<String>> byKey = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger inWindow = new AtomicInteger();
        final AtomicInteger mostInWindow = new AtomicInteger();
    }

    public static class Functions {

        @Inject
        Seen seen;

        /** Plain messages of the channel, by logical source (the channel name). */
        @Funq
        @Trigger(source = "in", type = "test.item")
        public void plain(Item item, @io.quarkus.funqy.Context EventContext context) {
            seen.calls.add("plain:" + item.name() + ":" + context.subject() + ":" + context.header("tenant"));
        }

        /** CloudEvents keep their attributes; the reply goes to the sink channel. */
        @Funq
        @Trigger(type = "test.greet")
        @Reply(type = "test.greeted")
        public String greet(Item item, @io.quarkus.funqy.Context EventContext context) {
            seen.calls.add("greet:" + context.id() + ":" + context.source());
            return "Hello " + item.name();
        }

        @Funq
        @Trigger(type = "test.doomed")
        @Delivery(retries = 2, backoffDelay = "10ms", deadLetter = "channel:dlq")
        public void doomed(Item item) {
            seen.attempts.computeIfAbsent(item.name(), k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("cannot take " + item.name());
        }

        @Funq
        @Trigger(type = "test.once")
        @Delivery(idempotent = true)
        public void once(Item item) {
            seen.attempts.computeIfAbsent("once:" + item.name(), k -> new AtomicInteger()).incrementAndGet();
        }

        @Funq
        @Blocking
        @Trigger(type = "test.ordered")
        @Delivery(ordered = true)
        public void ordered(Item item, @io.quarkus.funqy.Context EventContext context) throws InterruptedException {
            Thread.sleep(item.sleepMillis());
            seen.byKey.computeIfAbsent(String.valueOf(context.extension("partitionkey")),
                    k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(item.name());
        }

        @Funq
        @Blocking
        @Trigger(type = "test.limited")
        @Delivery(maxConcurrency = 2)
        public void limited(Item item) throws InterruptedException {
            seen.mostAtOnce.accumulateAndGet(seen.running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(item.sleepMillis());
            } finally {
                seen.running.decrementAndGet();
            }
            seen.calls.add("limited:" + item.name());
        }
    }

    /** Two functions on one type: the message is settled once both are done. */
    public static class FanOut {

        @Inject
        Seen seen;

        @Funq
        @Trigger(type = "test.fanout")
        public void fanA(Item item) {
            seen.calls.add("fanA:" + item.name());
        }

        @Funq
        @Blocking
        @Trigger(type = "test.fanout")
        public void fanB(Item item) throws InterruptedException {
            Thread.sleep(item.sleepMillis());
            seen.calls.add("fanB:" + item.name());
        }

        /** No delivery limit: only the channel's window (8) bounds how many run at once. */
        @Funq
        @Blocking
        @Trigger(type = "test.window")
        public void window(Item item) throws InterruptedException {
            seen.mostInWindow.accumulateAndGet(seen.inWindow.incrementAndGet(), Math::max);
            try {
                Thread.sleep(item.sleepMillis());
            } finally {
                seen.inWindow.decrementAndGet();
            }
            seen.calls.add("window:" + item.name());
        }
    }

    @Inject
    Seen seen;

    private static String item(String name, int failTimes, long sleep) {
        return "{\"name\":\"" + name + "\",\"failTimes\":" + failTimes + ",\"sleepMillis\":" + sleep + "}";
    }

    private static Map<String, String> cloudEvent(String id, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_source", "/test", "ce_type", type,
                "content-type", "application/json");
    }

    @Test
    void plainMessagesGetDerivedAttributesAndHeaders() {
        Topics.send("binding-in", "key-1", item("pen", 0, 0), Map.of("tenant", "acme"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.calls.contains("plain:pen:key-1:acme"));
    }

    @Test
    void cloudEventsAreRoutedByTypeAndRepliesGoToTheOutgoingChannel() {
        Topics.send("binding-in", "k", item("ada", 0, 0), cloudEvent("ce-42", "test.greet"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.calls.contains("greet:ce-42:/test"));
        List<ConsumerRecord<String, byte[]>> replies = Topics.read("binding-out", 1, Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> reply = replies.stream()
                .filter(r -> "ce-42".equals(Topics.header(r, "ce_causationid"))).findFirst().orElseThrow();
        assertEquals("test.greeted", Topics.header(reply, "ce_type"));
        assertEquals("\"Hello ada\"", new String(reply.value(), StandardCharsets.UTF_8));
    }

    @Test
    void afterItsRetriesAFailingEventIsDeadLetteredToATopicAndAcknowledged() {
        Topics.send("binding-in", "k", item("bad-1", 0, 0), cloudEvent("dead-1", "test.doomed"));
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            dead.clear();
            dead.addAll(Topics.read("binding-dlq", 1, Duration.ofSeconds(2)).stream()
                    .filter(r -> "dead-1".equals(Topics.header(r, "ce_id"))).toList());
            return !dead.isEmpty();
        });
        assertEquals(3, seen.attempts.get("bad-1").get(), "one attempt and two retries");
        ConsumerRecord<String, byte[]> record = dead.get(0);
        assertEquals("test.doomed", Topics.header(record, "ce_type"));
        assertEquals("doomed", Topics.header(record, "ce_eventloomfunction"));
        assertEquals("3", Topics.header(record, "ce_eventloomattempts"));
        assertTrue(Topics.header(record, "ce_eventloomerror").contains("cannot take bad-1"));
        assertEquals(item("bad-1", 0, 0), new String(record.value(), StandardCharsets.UTF_8));
    }

    @Test
    void duplicatesOfAnIdempotentFunctionAreSkipped() {
        for (int i = 0; i < 3; i++) {
            Topics.send("binding-in", "k", item("dup", 0, 0), cloudEvent("same-id", "test.once"));
        }
        Topics.send("binding-in", "k", item("dup", 0, 0), cloudEvent("other-id", "test.once"));
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.attempts.containsKey("once:dup")
                && seen.attempts.get("once:dup").get() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> seen.attempts.get("once:dup").get() == 2);
    }

    @Test
    void orderedDeliveriesKeepEachKeysOrderUnderConcurrency() throws Exception {
        try (KafkaProducer<String, byte[]> producer = Topics.producer()) {
            for (int i = 0; i < 20; i++) {
                for (String key : List.of("a", "b", "c")) {
                    producer.send(KafkaClients.record("binding-in", key, item(key + i, 0, (i * 7 + key.hashCode())
                            % 15).getBytes(StandardCharsets.UTF_8), cloudEvent(key + "-" + i, "test.ordered")));
                }
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> seen.byKey.values().stream().mapToInt(List::size).sum() == 60);
        for (String key : List.of("a", "b", "c")) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(key + i);
            }
            assertEquals(expected, seen.byKey.get(key), "order of key " + key);
        }
    }

    @Test
    void aConcurrencyLimitHoldsMessagesBackInsteadOfFailingThem() throws Exception {
        try (KafkaProducer<String, byte[]> producer = Topics.producer()) {
            for (int i = 0; i < 12; i++) {
                producer.send(KafkaClients.record("binding-in", "k" + i, item("l" + i, 0, 100)
                        .getBytes(StandardCharsets.UTF_8), cloudEvent("limited-" + i, "test.limited")));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> seen.calls.stream().filter(c -> c.startsWith("limited:")).count() == 12);
        assertTrue(seen.mostAtOnce.get() <= 2, "never more than 2 at once: " + seen.mostAtOnce.get());
        assertEquals(2, seen.mostAtOnce.get(), "the channel's 8 slots did run 2 at once");
    }

    @Test
    void anEventForTwoFunctionsReachesBothOnce() {
        send(Map.of("fan-1", item("f1", 0, 50)), "test.fanout");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> seen.calls.contains("fanA:f1") && seen.calls.contains("fanB:f1"));
        assertEquals(1, seen.calls.stream().filter(c -> c.equals("fanA:f1")).count());
        assertEquals(1, seen.calls.stream().filter(c -> c.equals("fanB:f1")).count());
    }

    @Test
    void theChannelWindowBoundsMessagesInProcess() {
        Map<String, String> items = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            items.put("window-" + i, item("w" + i, 0, 30));
        }
        send(items, "test.window");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> seen.calls.stream().filter(c -> c.startsWith("window:")).count() == 40);
        assertTrue(seen.mostInWindow.get() <= 8, "at most the channel's 8 at once: " + seen.mostInWindow.get());
        assertTrue(seen.mostInWindow.get() > 1, "messages ran side by side: " + seen.mostInWindow.get());
    }

    /** Sends each id's data as a CloudEvent of {@code type} and waits until the broker took every one. */
    private static void send(Map<String, String> dataById, String type) {
        try (KafkaProducer<String, byte[]> producer = Topics.producer()) {
            List<Future<?>> sent = new ArrayList<>();
            dataById.forEach((id, data) -> sent.add(producer.send(KafkaClients.record("binding-in", id,
                    data.getBytes(StandardCharsets.UTF_8), cloudEvent(id, type)))));
            for (Future<?> one : sent) {
                one.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + dataById.keySet(), e);
        }
    }
}
