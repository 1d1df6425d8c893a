package dev.eventloom.testkit.kafka;

/**
 * One in-JVM Kafka broker for every test of a JVM, started on first use. Quarkus unit tests load test classes twice
 * (once per class loader), so the broker's address is kept in a system property rather than a static field.
 */
public final class SharedKafka {

    private static final String PROPERTY = "test.kafka.bootstrap-servers";

    private SharedKafka() {
    }

    public static String bootstrapServers() {
        synchronized (System.class) {
            String servers = System.getProperty(PROPERTY);
            if (servers == null) {
                InJvmKafka kafka = InJvmKafka.start();
                servers = kafka.bootstrapServers();
                System.setProperty(PROPERTY, servers);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        kafka.close();
                    } catch (Exception e) {
                        // the JVM is exiting
                    }
                }));
            }
            return servers;
        }
    }
}
