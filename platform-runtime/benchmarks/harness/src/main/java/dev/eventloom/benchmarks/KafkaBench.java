package dev.eventloom.benchmarks;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.eventloom.testkit.kafka.InJvmKafka;
import dev.eventloom.testkit.kafka.KafkaClients;

/**
 * Events per second from Kafka through consumption and ack: each application reads the same pre-filled topic with a
 * group of its own; A B A B so drift shows. The broker runs in this JVM. The first quarter of the events
 * ({@code -Dbench.warmup=N} to change it) warms the JIT up and is not timed: the application runs on one CPU, where
 * its JIT compiler threads otherwise take more of the timed part than its event loop does.
 *
 * <pre>
 * java -cp ... dev.eventloom.benchmarks.KafkaBench OUT_DIR ROUNDS EVENTS name=app.jar [name=app.jar ...]
 * </pre>
 *
 * Appends {@code kafka-rate} rows (events/s) to {@code OUT_DIR/results.tsv}.
 */
public final class KafkaBench {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        int rounds = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        int warmup = Integer.getInteger("bench.warmup", Math.max(1, events / 4));
        if (warmup < 1 || warmup >= events) {
            throw new IllegalArgumentException("bench.warmup must be at least 1 and below EVENTS (" + events + ")");
        }
        Map<String, Path> apps = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] app = args[i].split("=", 2);
            apps.put(app[0], Path.of(app[1]).toAbsolutePath());
        }
        List<String> rows = new ArrayList<>();
        try (InJvmKafka kafka = InJvmKafka.start()) {
            fill(kafka.bootstrapServers(), events);
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, Path> app : apps.entrySet()) {
                    double rate = run(kafka.bootstrapServers(), out, app.getKey(), app.getValue(), events, warmup,
                            "bench-" + app.getKey().replaceAll("[^A-Za-z0-9]", "-") + "-" + round);
                    System.out.printf("  %-28s %10.0f events/s%n", app.getKey(), rate);
                    rows.add(String.join("\t", "kafka-rate", app.getKey(), String.valueOf(round),
                            String.format("%.1f", rate)));
                }
            }
        }
        Files.write(out.resolve("results.tsv"), rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The topic both applications read: binary-mode CloudEvents with small JSON data, keyed over 64 keys. */
    private static void fill(String bootstrap, int events) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < events; i++) {
                producer.send(KafkaClients.cloudEvent("bench", "k" + (i & 63), "tick-" + i, "/bench", "bench.tick",
                        ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static double run(String bootstrap, Path out, String name, Path jar, int events, int warmup, String group)
            throws Exception {
        Path result = out.resolve(group + ".result");
        Files.deleteIfExists(result);
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkafka.bootstrap.servers=" + bootstrap, "-Dmp.messaging.incoming.in.group.id=" + group,
                "-Dbench.expected=" + events, "-Dbench.warmup=" + warmup, "-Dbench.result.file=" + result,
                "-Dquarkus.http.port=0", "-jar", jar.toString());
        List<String> pinned = new ArrayList<>();
        if (Runtime.getRuntime().availableProcessors() >= 2 && new File("/usr/bin/taskset").canExecute()) {
            pinned.addAll(List.of("taskset", "-c", "0"));
        }
        pinned.addAll(command);
        Process process = new ProcessBuilder(pinned).redirectErrorStream(true)
                .redirectOutput(out.resolve(group + ".log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (!Files.exists(result) || Files.readString(result).isBlank()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not consume " + events + " events; see "
                            + out.resolve(group + ".log"));
                }
                Thread.sleep(50);
            }
            String[] times = Files.readString(result).trim().split(" ");
            long millis = Math.max(1, Long.parseLong(times[1]) - Long.parseLong(times[0]));
            return (events - warmup) * 1000.0 / millis;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
