package dev.eventloom.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.eventloom.testkit.kafka.InJvmKafka;
import dev.eventloom.testkit.kafka.KafkaClients;

/**
 * Delivery across a stop, on the packaged application consuming 10,000 events in a JVM of its own:
 * <ul>
 * <li>SIGKILL, once its consumer group has committed an offset: every event is processed at least once, and fewer
 * events are processed twice than had been processed before the kill (the restart begins at the committed offset, not
 * at the start of the topic);</li>
 * <li>SIGTERM: the channel stops taking messages, finishes those in process, and the connector commits them before the
 * JVM exits, so the restart processes no event twice.</li>
 * </ul>
 */
class CrashRecoveryIT {

    private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class);
    static final int EVENTS = 10_000;

    @Test
    void afterASigkillEveryEventIsProcessedAndOnlyUncommittedOnesAgain() throws Exception {
        Path audit = Path.of("target", "crash-audit.log").toAbsolutePath();
        try (InJvmKafka kafka = InJvmKafka.start()) {
            load(kafka, "crash-load");
            Process first = start(kafka, audit, "crash-load", "crash-kill", "kill-first");
            awaitCommitted(kafka, "crash-kill", audit, 1_000, first);
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no final commit
            int beforeKill = lines(audit).size();
            assertTrue(beforeKill < EVENTS, "the kill came mid-stream, not after every event was processed");

            List<String> processed = restartUntilAllProcessed(kafka, audit, "crash-load", "crash-kill", "kill-second");
            int duplicates = processed.size() - new HashSet<>(processed).size();
            LOG.infof("[crash-recovery] SIGKILL: %d events; %d processed before the kill, %d processed in all, "
                    + "%d twice (processed after the last commit before the kill)", EVENTS, beforeKill,
                    processed.size(), duplicates);
            assertEquals(EVENTS, new HashSet<>(processed).size(), "every event was processed at least once");
            assertTrue(duplicates < beforeKill, "the restart began at the committed offset: " + duplicates
                    + " events processed twice of " + beforeKill + " processed before the kill");
        }
    }

    @Test
    void afterASigtermNothingIsProcessedTwice() throws Exception {
        Path audit = Path.of("target", "graceful-audit.log").toAbsolutePath();
        try (InJvmKafka kafka = InJvmKafka.start()) {
            load(kafka, "graceful-load");
            // each audit takes 50 ms after its line is written: when SIGTERM comes, messages are in process
            Process first = start(kafka, audit, "graceful-load", "graceful-stop", "term-first",
                    "-Dorders.audit.delay=50ms");
            awaitCommitted(kafka, "graceful-stop", audit, 200, first);
            first.destroy(); // SIGTERM
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the application did not exit after SIGTERM");
            int beforeStop = lines(audit).size();
            assertTrue(beforeStop < EVENTS, "the stop came mid-stream, not after every event was processed");

            List<String> processed = restartUntilAllProcessed(kafka, audit, "graceful-load", "graceful-stop",
                    "term-second");
            int duplicates = processed.size() - new HashSet<>(processed).size();
            LOG.infof("[crash-recovery] SIGTERM: %d events; %d processed before the stop, %d processed in all, "
                    + "%d twice", EVENTS, beforeStop, processed.size(), duplicates);
            assertEquals(EVENTS, new HashSet<>(processed).size(), "every event was processed");
            assertEquals(0, duplicates, "a graceful stop commits every event it processed");
        }
    }

    /** Every event in the topic before the application starts. */
    private static void load(InJvmKafka kafka, String topic) throws Exception {
        // The topic exists before the first send: a producer racing the broker's auto-creation could lose its first
        // batch, and the test would blame the consumer for an event that never reached the topic.
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                sends.add(producer.send(KafkaClients.cloudEvent(topic, "k" + (i % 64), "tick-" + i, "/shop",
                        "load.tick", bytes("{\"n\":" + i + "}"))));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }

    /** Waits until the application processed {@code count} events and its group committed an offset past zero. */
    private static void awaitCommitted(InJvmKafka kafka, String group, Path audit, int count, Process process) {
        try (Admin admin = admin(kafka)) {
            await("the application processed " + count + " events and committed").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        assertTrue(process.isAlive(), "the application exited; see target/" + group + "*.log");
                        if (lines(audit).size() < count) {
                            return false;
                        }
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        return committed.values().stream().anyMatch(o -> o != null && o.offset() > 0);
                    });
        }
    }

    private static List<String> restartUntilAllProcessed(InJvmKafka kafka, Path audit, String topic, String group,
            String name) throws Exception {
        Process second = start(kafka, audit, topic, group, name);
        try {
            await("the restarted application processed every event").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !second.isAlive() || new HashSet<>(lines(audit)).size() >= EVENTS);
        } finally {
            second.destroy();
            second.waitFor();
        }
        return lines(audit);
    }

    private static Process start(InJvmKafka kafka, Path audit, String topic, String group, String name,
            String... properties) throws Exception {
        if (name.endsWith("first")) {
            Files.deleteIfExists(audit);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dmp.messaging.incoming.orders.topic=" + topic,
                "-Dmp.messaging.incoming.orders.group.id=" + group,
                // commits every 100 ms instead of 5 s, so one is seen while most events are still to come
                "-Dmp.messaging.incoming.orders.auto.commit.interval.ms=100",
                "-Dmp.messaging.outgoing.order-events.topic=" + topic + "-replies",
                "-Dorders.audit.file=" + audit,
                "-Dquarkus.http.port=0"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target", group + "-" + name + ".log")).start();
    }

    private static Admin admin(InJvmKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static List<String> lines(Path audit) throws Exception {
        if (!Files.exists(audit)) {
            return List.of();
        }
        return Files.readAllLines(audit).stream().filter(l -> !l.isBlank() && l.startsWith("tick-")).toList();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
