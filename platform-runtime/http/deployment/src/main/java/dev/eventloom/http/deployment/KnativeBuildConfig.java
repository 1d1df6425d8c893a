package dev.eventloom.http.deployment;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the build writes {@code target/eventloom/knative.yaml}. */
@ConfigMapping(prefix = "eventloom.knative")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface KnativeBuildConfig {

    /** Whether to write {@code knative.yaml}. */
    @WithDefault("true")
    boolean enabled();

    /** The Knative Service's name. Default: the application name. */
    Optional<String> service();

    /** The namespace written into every resource; default none (the namespace you apply to). */
    Optional<String> namespace();

    /**
     * The container image. Default: the image Quarkus's container-image extension builds (add
     * {@code quarkus-container-image-jib} and set {@code quarkus.container-image.registry/group}), else
     * {@code <application name>:<application version>}, which nothing builds (the build warns).
     */
    Optional<String> image();

    /**
     * Who can reach the Knative Service: {@code cluster-local} (the Broker and other workloads of the cluster; the
     * default) or {@code public} (an external URL through the ingress).
     */
    @WithDefault("cluster-local")
    Visibility visibility();

    enum Visibility {
        CLUSTER_LOCAL,
        PUBLIC
    }

    /** The Broker the Triggers subscribe to. */
    @WithDefault("default")
    String broker();

    /**
     * How many times the Broker retries a delivery that failed after the function's own retries (a crashed pod, a
     * 429); see the README on how the two interact.
     */
    @WithDefault("2")
    int brokerRetries();

    /** Environment variables of the container, by name. */
    Map<String, String> env();
}
