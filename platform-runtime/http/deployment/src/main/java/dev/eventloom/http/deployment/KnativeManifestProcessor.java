package dev.eventloom.http.deployment;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.eventloom.core.deployment.EventFunctionBuildItem;
import dev.eventloom.core.runtime.FunctionMetadata;
import dev.eventloom.core.runtime.LogCodes;
import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.quarkus.container.spi.ContainerImageInfoBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;

/** Writes {@code target/eventloom/knative.yaml}: the Knative Service and one Trigger per triggered function. */
class KnativeManifestProcessor {

    private static final Logger LOG = Logger.getLogger(KnativeManifestProcessor.class);

    @BuildStep
    void knative(KnativeBuildConfig config, ApplicationInfoBuildItem application,
            List<EventFunctionBuildItem> functions, Optional<ContainerImageInfoBuildItem> containerImage,
            Capabilities capabilities, BuildProducer<GeneratedFileSystemResourceBuildItem> files) {
        if (!config.enabled()) {
            return;
        }
        List<FunctionMetadata> sorted = functions.stream().map(EventFunctionBuildItem::metadata)
                .sorted(Comparator.comparing(FunctionMetadata::getName)).toList();
        String service = KnativeManifest.dnsName(config.service().orElse(application.getName()));
        String image = config.image().or(() -> containerImage.map(ContainerImageInfoBuildItem::getImage))
                .orElseGet(() -> {
                    String guess = service + ":" + application.getVersion();
                    LOG.warnf(LogCodes.KNATIVE_MANIFEST + " knative.yaml names the image %s, which this build does "
                            + "not produce: add "
                            + "io.quarkus:quarkus-container-image-jib (its image is then the one named) or set "
                            + "eventloom.knative.image", guess);
                    return guess;
                });
        KnativeManifest.Settings settings = new KnativeManifest.Settings(service, config.namespace().orElse(null),
                image, config.broker(), new java.util.TreeMap<>(config.env()), logicalSources(sorted),
                config.brokerRetries(), config.visibility() == KnativeBuildConfig.Visibility.PUBLIC,
                consumesChannels(capabilities), metricsPort(capabilities));
        KnativeManifest.Result result = KnativeManifest.render(sorted, settings);
        result.warnings().forEach(warning -> LOG.warnf(LogCodes.KNATIVE_MANIFEST + " %s", warning));
        files.produce(new GeneratedFileSystemResourceBuildItem("eventloom/knative.yaml",
                result.yaml().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The port Prometheus metrics are served on: the management interface's (the HTTP binding turns it on) or, with it
     * off, the function port; {@code null} without a Prometheus registry.
     */
    private static Integer metricsPort(Capabilities capabilities) {
        if (!capabilities.isPresent(Capability.METRICS) || !QuarkusClassLoader.isClassPresentAtRuntime(
                "io.micrometer.prometheus.PrometheusMeterRegistry")) {
            return null;
        }
        Config config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)
                ? config.getOptionalValue("quarkus.management.port", Integer.class).orElse(9000)
                : 8080;
    }

    /** Whether a messaging consumer runs in the application: it must keep running, never scaled to zero. */
    private static boolean consumesChannels(Capabilities capabilities) {
        return capabilities.isPresent("dev.eventloom.messaging") && ConfigProvider.getConfig()
                .getOptionalValues("eventloom.messaging.incoming", String.class).filter(list -> !list.isEmpty())
                .isPresent();
    }

    /** The CloudEvents source values configured (at build time) for each logical source the triggers name. */
    private static Map<String, List<String>> logicalSources(List<FunctionMetadata> functions) {
        Config config = ConfigProvider.getConfig();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (FunctionMetadata function : functions) {
            for (TriggerMetadata trigger : function.getTriggers()) {
                String name = trigger.getLogicalSource();
                if (name == null || sources.containsKey(name)) {
                    continue;
                }
                Optional<List<String>> values = config.getOptionalValues("eventloom.source.\"" + name + "\".ce-source",
                        String.class);
                if (values.isEmpty() && !name.contains(".")) {
                    values = config.getOptionalValues("eventloom.source." + name + ".ce-source", String.class);
                }
                values.ifPresent(list -> sources.put(name, list));
            }
        }
        return sources;
    }
}
