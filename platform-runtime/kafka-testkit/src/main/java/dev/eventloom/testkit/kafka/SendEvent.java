package dev.eventloom.testkit.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

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
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        String id = UUID.randomUUID().toString();
        byte[] data = args[3].startsWith("@") ? java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[3].substring(1)))
                : args[3].getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(args[1], args.length > 4 ? args[4] : null, data);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/send-event".getBytes(StandardCharsets.UTF_8))
                .add("ce_type", args[2].getBytes(StandardCharsets.UTF_8))
                .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            var sent = producer.send(record).get();
            System.out.println("sent " + args[2] + " " + id + " to " + sent.topic() + "-" + sent.partition() + "@"
                    + sent.offset());
        }
    }
}
