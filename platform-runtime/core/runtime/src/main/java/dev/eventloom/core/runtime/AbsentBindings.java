package dev.eventloom.core.runtime;

import java.util.List;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Settings of a binding the application does not have ({@code eventloom.lambda.*} in an application without
 * {@code eventloom-lambda}, say) are ignored, not an unknown-property error: one {@code application.properties} can
 * serve builds with and without that binding. A typo under a binding that is present still fails startup. Each absent
 * binding is a {@link ConfigBuilder} of its own, registered by the core's build when the binding's capability is
 * missing.
 */
public final class AbsentBindings {

    private static final Logger LOG = Logger.getLogger(AbsentBindings.class);

    /** A binding: its capability, how the log line names it, its artifact, its settings and what ignores them. */
    public record Binding(String capability, String name, String artifact, List<String> prefixes,
            Class<? extends ConfigBuilder> ignoring) {
    }

    public static final List<Binding> BINDINGS = List.of(
            new Binding("dev.eventloom.http", "HTTP", "eventloom-http", List.of("eventloom.http", "eventloom.knative"),
                    NoHttp.class),
            new Binding("dev.eventloom.lambda", "AWS Lambda", "eventloom-lambda", List.of("eventloom.lambda"),
                    NoLambda.class),
            new Binding("dev.eventloom.messaging", "messaging", "eventloom-messaging", List.of("eventloom.messaging"),
                    NoMessaging.class));

    private AbsentBindings() {
    }

    /** Logs one INFO line per absent binding whose settings the configuration holds. */
    public static void report(List<String> absentCapabilities) {
        TreeSet<String> names = new TreeSet<>();
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            names.addAll(source.getPropertyNames());
        }
        for (Binding binding : BINDINGS) {
            if (!absentCapabilities.contains(binding.capability())) {
                continue;
            }
            TreeSet<String> ignored = new TreeSet<>();
            for (String name : names) {
                if (binding.prefixes().stream().anyMatch(prefix -> name.startsWith(prefix + "."))) {
                    ignored.add(name);
                }
            }
            if (!ignored.isEmpty()) {
                LOG.infof(LogCodes.ABSENT_BINDING + " %s are ignored: this application has no %s binding (add the "
                        + "dependency "
                        + "dev.eventloom:%s to use them)", ignored, binding.name(), binding.artifact());
            }
        }
    }

    private static SmallRyeConfigBuilder ignore(SmallRyeConfigBuilder builder, String capability) {
        for (Binding binding : BINDINGS) {
            if (binding.capability().equals(capability)) {
                binding.prefixes().forEach(prefix -> builder.withMappingIgnore(prefix + ".**"));
            }
        }
        return builder;
    }

    /** Without the Lambda binding. */
    public static final class NoLambda implements ConfigBuilder {
        @Override
        public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
            return ignore(builder, "dev.eventloom.lambda");
        }
    }

    /** Without the messaging binding. */
    public static final class NoMessaging implements ConfigBuilder {
        @Override
        public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
            return ignore(builder, "dev.eventloom.messaging");
        }
    }

    /** Without the HTTP binding. */
    public static final class NoHttp implements ConfigBuilder {
        @Override
        public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
            return ignore(builder, "dev.eventloom.http");
        }
    }
}
