package dev.eventloom.testkit.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Kafka broker for trying the examples on a machine without Docker: starts one in-JVM node, prints its bootstrap
 * address (and writes it to the file given as argument, if any) and runs until stopped.
 *
 * <pre>
 * ./mvnw -q -pl platform-runtime/kafka-testkit exec:java -Dexec.args=/tmp/kafka-bootstrap
 * </pre>
 */
public final class LocalKafka {

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            System.err.println("LocalKafka takes at most one argument, the file to write the bootstrap address to; got "
                    + args.length + ". To publish an event run SendEvent: -Dexec.mainClass=dev.eventloom.testkit.kafka.SendEvent");
            System.exit(2);
        }
        InJvmKafka kafka = InJvmKafka.start();
        String servers = kafka.bootstrapServers();
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), servers);
        }
        System.out.println("Kafka is listening on " + servers + " (Ctrl-C stops it)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        Thread.currentThread().join();
    }
}
