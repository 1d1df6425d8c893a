package dev.eventloom.testkit.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

/**
 * A Kafka broker for trying the examples on a machine without Docker: starts one in-JVM node, prints its bootstrap
 * address (and writes it to the file given as argument, if any) and runs until stopped.
 *
 * <pre>
 * ./mvnw -q -pl platform-runtime/kafka-testkit exec:java -Dexec.args=/tmp/kafka-bootstrap
 * </pre>
 */
public final class LocalKafka {

    private static final Logger LOG = Logger.getLogger(LocalKafka.class);

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            LOG.errorf("LocalKafka takes at most one argument, the file to write the bootstrap address to; got %d. To "
                    + "publish an event run SendEvent: -Dexec.mainClass=dev.eventloom.testkit.kafka.SendEvent", args.length);
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
