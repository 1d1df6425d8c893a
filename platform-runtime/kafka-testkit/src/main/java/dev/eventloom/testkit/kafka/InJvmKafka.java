package dev.eventloom.testkit.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/** One Kafka node (broker and KRaft controller combined) in this JVM, on random ports. */
public final class InJvmKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private InJvmKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts the node; from then on Kafka cannot end this JVM (see {@link #neverEndThisJvm()}). */
    public static InJvmKafka start() {
        neverEndThisJvm();
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    // one broker: internal topics cannot have the default three replicas
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "4")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InJvmKafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("The in-JVM Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps Kafka from ending the JVM it runs in, which hosts tests or a benchmark besides the broker. Kafka halts its process on a
     * log-directory failure, and Kafka's test kit deletes the broker's temporary directory in a shutdown hook that can
     * run while another hook is still closing the broker: a halt then ends the test run with status 1 after every test
     * passed. With this, such a request fails the broker thread that makes it, and the JVM exits as it was going to.
     */
    private static void neverEndThisJvm() {
        Exit.Procedure refuse = (status, message) -> {
            throw new IllegalStateException("The in-JVM Kafka broker asked to end the JVM with status " + status
                    + (message == null ? "" : ": " + message));
        };
        Exit.setHaltProcedure(refuse);
        Exit.setExitProcedure(refuse);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
