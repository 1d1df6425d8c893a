package dev.eventloom.core.runtime;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.config.ConfigProvider;
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

    /** The binding's name, artifact and setting prefixes, by capability. */
    public static final Map<String, List<String>> BINDINGS = Map.of(
            "dev.eventloom.lambda", List.of("AWS Lambda", "eventloom-lambda", "eventloom.lambda"),
            "dev.eventloom.messaging", List.of("messaging", "eventloom-messaging", "eventloom.messaging"),
            "dev.eventloom.http", List.of("HTTP", "eventloom-http", "eventloom.http", "eventloom.knative"));

    private AbsentBindings() {
    }

    /** Logs one INFO line per absent binding whose settings the configuration holds. */
    public static void report(List<String> absentCapabilities) {
        TreeSet<String> names = new TreeSet<>();
        for (org.eclipse.microprofile.config.spi.ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            names.addAll(source.getPropertyNames());
        }
        for (String capability : absentCapabilities) {
            List<String> binding = BINDINGS.get(capability);
            TreeSet<String> ignored = new TreeSet<>();
            for (String name : names) {
                for (String prefix : binding.subList(2, binding.size())) {
                    if (name.startsWith(prefix + ".")) {
                        ignored.add(name);
                    }
                }
            }
            if (!ignored.isEmpty()) {
                LOG.infof("[EVL-0004] %s are ignored: this application has no %s binding (add the dependency "
                        + "dev.eventloom:%s to use them)", ignored, binding.get(0), binding.get(1));
            }
        }
    }

    private static SmallRyeConfigBuilder ignore(SmallRyeConfigBuilder builder, String capability) {
        List<String> binding = BINDINGS.get(capability);
        for (String prefix : binding.subList(2, binding.size())) {
            builder.withMappingIgnore(prefix + ".**");
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
