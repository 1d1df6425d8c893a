package dev.eventloom.messaging.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;

import dev.eventloom.testkit.kafka.KafkaClients;
import dev.eventloom.testkit.kafka.SharedKafka;

/** The test kit's plain Kafka clients on the shared broker: what a producer or consumer elsewhere does. */
final class Topics {

    private Topics() {
    }

    static KafkaProducer<String, byte[]> producer() {
        return KafkaClients.producer(SharedKafka.bootstrapServers());
    }

    /** Sends one record with text headers and waits until the broker took it. */
    static void send(String topic, String key, String value, Map<String, String> headers) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(KafkaClients.record(topic, key, value.getBytes(StandardCharsets.UTF_8), headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Reads the topic from the beginning until {@code count} records arrived or the time is up. */
    static List<ConsumerRecord<String, byte[]>> read(String topic, int count, Duration timeout) {
        return KafkaClients.read(SharedKafka.bootstrapServers(), topic, count, timeout);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        return KafkaClients.header(record, name);
    }
}
