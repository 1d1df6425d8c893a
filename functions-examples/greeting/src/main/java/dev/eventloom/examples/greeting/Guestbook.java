package dev.eventloom.examples.greeting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The names of everyone who signed, in order. A real application would keep them in a database; the configurable
 * write delay stands in for its latency, and shows why {@code sign} runs on the worker pool.
 */
@ApplicationScoped
public class Guestbook {

    private static final Logger LOG = Logger.getLogger(Guestbook.class);

    private final List<String> names = new ArrayList<>();

    @ConfigProperty(name = "greeting.guestbook.write-delay", defaultValue = "0s")
    Duration writeDelay;

    public void sign(String name) {
        if (!writeDelay.isZero()) {
            try {
                Thread.sleep(writeDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signing for " + name, e);
            }
        }
        synchronized (names) {
            names.add(name);
        }
        LOG.debugf("Signed by %s", name);
    }

    public List<String> names() {
        synchronized (names) {
            return List.copyOf(names);
        }
    }
}
