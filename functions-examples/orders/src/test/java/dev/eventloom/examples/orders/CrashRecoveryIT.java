package dev.eventloom.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.eventloom.testkit.kafka.InJvmKafka;
import dev.eventloom.testkit.kafka.KafkaClients;

/**
 * At-least-once across a crash: the packaged application consumes 10,000 events in a JVM of its own, is killed with
 * SIGKILL mid-stream and started again. Every event must have been processed (distinct ids = 10,000); the events
 * processed twice (done but not yet committed when it died) are counted and printed.
 */
class CrashRecoveryIT {

    private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class);
    static final int EVENTS = 10_000;

    @Test
    void everyEventIsProcessedAtLeastOnceAcrossASigkill() throws Exception {
        Path audit = Path.of("target", "crash-audit.log").toAbsolutePath();
        Files.deleteIfExists(audit);
        try (InJvmKafka kafka = InJvmKafka.start()) {
            // The topic exists before the first send: a producer racing the broker's auto-creation could lose its
            // first batch, and the test would blame the consumer for an event that never reached the topic.
            Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminConfig)) {
                admin.createTopics(List.of(new NewTopic("crash-load", 4, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
                List<Future<RecordMetadata>> sends = new ArrayList<>(EVENTS);
                for (int i = 0; i < EVENTS; i++) {
                    sends.add(producer.send(KafkaClients.cloudEvent("crash-load", "k" + (i % 64), "tick-" + i,
                            "/shop", "load.tick", bytes("{\"n\":" + i + "}"))));
                }
                producer.flush();
                for (Future<RecordMetadata> send : sends) {
                    send.get(); // every event is in the topic before the application starts, or the test stops here
                }
            }
            Process first = start(kafka, audit, "first");
            int before = waitForLines(audit, 3_000, first);
            first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no final commit
            int atKill = lines(audit).size();

            Process second = start(kafka, audit, "second");
            try {
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (distinct(audit) < EVENTS && System.nanoTime() < deadline && second.isAlive()) {
                    Thread.sleep(250);
                }
            } finally {
                second.destroy();
                second.waitFor();
            }
            List<String> processed = lines(audit);
            int distinct = distinct(audit);
            LOG.infof("[crash-recovery] %d events; killed after %d processed (%d seen when killed); "
                    + "%d processed in all, %d distinct, %d duplicates (processed but not committed before the kill)",
                    EVENTS, before, atKill, processed.size(), distinct, processed.size() - distinct);
            assertEquals(EVENTS, distinct, "every event was processed at least once");
            assertTrue(processed.size() >= EVENTS);
        }
    }

    private static Process start(InJvmKafka kafka, Path audit, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dmp.messaging.incoming.orders.topic=crash-load",
                "-Dmp.messaging.incoming.orders.group.id=crash-test",
                "-Dmp.messaging.outgoing.order-events.topic=crash-replies",
                "-Dorders.audit.file=" + audit,
                "-Dquarkus.http.port=0",
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target", "crash-" + name + ".log")).start();
    }

    private static int waitForLines(Path audit, int count, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            int lines = lines(audit).size();
            if (lines >= count) {
                return lines;
            }
            assertTrue(process.isAlive(), "the application exited; see target/crash-first.log");
            Thread.sleep(20);
        }
        throw new AssertionError("the application did not process " + count + " events in time");
    }

    private static List<String> lines(Path audit) throws Exception {
        if (!Files.exists(audit)) {
            return List.of();
        }
        return Files.readAllLines(audit).stream().filter(l -> !l.isBlank() && l.startsWith("tick-")).toList();
    }

    private static int distinct(Path audit) throws Exception {
        Set<String> ids = new HashSet<>(lines(audit));
        return ids.size();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
