package dev.eventloom.examples.orders;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The knative.yaml the build wrote: the application consumes a Kafka channel, so Knative must keep one pod running. */
class KnativeManifestIT {

    @Test
    void anApplicationThatConsumesAChannelNeverScalesToZero() throws Exception {
        String yaml = Files.readString(Path.of("target", "eventloom", "knative.yaml"));
        assertTrue(yaml.contains("autoscaling.knative.dev/min-scale: \"1\""), yaml);
        assertTrue(yaml.contains("image: \"eventloom/orders:0.1.0-SNAPSHOT\""), yaml);
    }
}
