package dev.eventloom.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes one CloudEvent in Kafka's binary mode (JSON data), for trying the examples without Kafka's tools.
 *
 * <pre>
 * SendEvent BOOTSTRAP TOPIC TYPE JSON|@FILE [KEY]
 * </pre>
 */
public final class SendEvent {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SendEvent BOOTSTRAP TOPIC TYPE JSON|@FILE [KEY]");
            System.exit(2);
        }
        String id = UUID.randomUUID().toString();
        byte[] data = args[3].startsWith("@") ? Files.readAllBytes(Path.of(args[3].substring(1)))
                : args[3].getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = KafkaClients.cloudEvent(args[1], args.length > 4 ? args[4] : null, id,
                "/send-event", args[2], data);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(args[0])) {
            var sent = producer.send(record).get();
            System.out.println("sent " + args[2] + " " + id + " to " + sent.topic() + "-" + sent.partition() + "@"
                    + sent.offset());
        }
    }
}
