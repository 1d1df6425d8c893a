package dev.eventloom.lambda.runtime;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * On AWS Lambda (the runtime sets {@code AWS_LAMBDA_RUNTIME_API}) neither the HTTP server nor the management interface
 * listens on a socket: Lambda brings HTTP events through the invocation, and the HTTP binding serves them over Quarkus's
 * virtual connection; nothing could scrape the metrics port. Anywhere else the same build serves real HTTP. Only
 * defaults: {@code quarkus.http.host-enabled} or {@code quarkus.management.host-enabled} set anywhere still win.
 */
public final class LambdaDefaults implements ConfigBuilder {

    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        String runtimeApi = System.getenv(RUNTIME_API);
        if (runtimeApi != null && !runtimeApi.isBlank()) {
            builder.withDefaultValue("quarkus.http.host-enabled", "false");
            builder.withDefaultValue("quarkus.management.host-enabled", "false");
        }
        return builder;
    }
}
