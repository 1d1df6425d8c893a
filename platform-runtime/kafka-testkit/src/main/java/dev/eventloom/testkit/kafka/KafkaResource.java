package dev.eventloom.testkit.kafka;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}s: {@code @QuarkusTestResource(KafkaResource.class)}. Sets
 * {@code kafka.bootstrap.servers}; Dev Services for Kafka are disabled.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private InJvmKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = InJvmKafka.start();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        if (kafka != null) {
            try {
                kafka.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
