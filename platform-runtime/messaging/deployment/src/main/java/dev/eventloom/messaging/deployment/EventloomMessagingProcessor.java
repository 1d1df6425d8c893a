package dev.eventloom.messaging.deployment;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import dev.eventloom.messaging.runtime.EventloomMessagingConfig;
import dev.eventloom.messaging.runtime.MessagingBinding;
import dev.eventloom.messaging.runtime.MessagingRecorder;
import dev.eventloom.messaging.runtime.MessagingShutdown;
import dev.eventloom.messaging.runtime.WiredChannels;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.InjectedChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.InjectedEmitterBuildItem;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Declares the channels named in {@code eventloom.messaging.incoming/outgoing} to SmallRye Reactive Messaging as if
 * the application injected them, so the connectors create and wire them with no user code; Kafka channels default to
 * byte-array values (the binding reads and writes raw event data).
 */
class EventloomMessagingProcessor {

    static final String FEATURE = "eventloom-messaging";
    private static final String KAFKA = "smallrye-kafka";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem binding() {
        return AdditionalBeanBuildItem.unremovableOf(MessagingBinding.class);
    }

    /** The channel lists are build-time settings: the binding gets them as the build saw them. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem wiredChannels(EventloomMessagingConfig config, MessagingRecorder recorder) {
        return SyntheticBeanBuildItem.configure(WiredChannels.class).scope(Singleton.class)
                .supplier(recorder.wiredChannels(config.incoming().orElse(List.of()),
                        config.outgoing().orElse(List.of())))
                .done();
    }

    /** On SIGTERM the channels stop taking messages and finish those in process before the connectors close. */
    @BuildStep
    io.quarkus.deployment.builditem.ShutdownListenerBuildItem drainOnShutdown() {
        return new io.quarkus.deployment.builditem.ShutdownListenerBuildItem(new MessagingShutdown());
    }

    @BuildStep
    void channels(EventloomMessagingConfig config, BuildProducer<ChannelBuildItem> channels,
            BuildProducer<InjectedChannelBuildItem> injected, BuildProducer<InjectedEmitterBuildItem> emitters,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        Config mp = ConfigProvider.getConfig();
        for (String name : config.incoming().orElse(List.of())) {
            String connector = connector(mp, "incoming", name);
            channels.produce(ChannelBuildItem.incoming(name, connector));
            injected.produce(InjectedChannelBuildItem.of(name));
            if (KAFKA.equals(connector)) {
                defaults.produce(new RunTimeConfigurationDefaultBuildItem("mp.messaging.incoming." + name
                        + ".value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
                defaults.produce(new RunTimeConfigurationDefaultBuildItem("mp.messaging.incoming." + name
                        + ".key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
            }
        }
        for (String name : config.outgoing().orElse(List.of())) {
            String connector = connector(mp, "outgoing", name);
            channels.produce(ChannelBuildItem.outgoing(name, connector));
            emitters.produce(InjectedEmitterBuildItem.of(name, MutinyEmitter.class.getName(), null, -1, false, -1));
            if (KAFKA.equals(connector)) {
                defaults.produce(new RunTimeConfigurationDefaultBuildItem("mp.messaging.outgoing." + name
                        + ".value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
                defaults.produce(new RunTimeConfigurationDefaultBuildItem("mp.messaging.outgoing." + name
                        + ".key.serializer", "org.apache.kafka.common.serialization.StringSerializer"));
            }
        }
    }

    private static String connector(Config config, String direction, String name) {
        Optional<String> connector = config.getOptionalValue("mp.messaging." + direction + "." + name + ".connector",
                String.class);
        return connector.orElse(null);
    }
}
