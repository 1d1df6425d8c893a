package dev.eventloom.lambda.runtime;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * On AWS Lambda (the runtime sets {@code AWS_LAMBDA_RUNTIME_API}) the HTTP server listens on no socket: Lambda brings
 * HTTP events through the invocation, and the HTTP binding serves them over Quarkus's virtual connection. Anywhere else
 * the same build serves real HTTP. Only a default: {@code quarkus.http.host-enabled} set anywhere still wins.
 */
public final class LambdaDefaults implements ConfigBuilder {

    static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        String runtimeApi = System.getenv(RUNTIME_API);
        if (runtimeApi != null && !runtimeApi.isBlank()) {
            builder.withDefaultValue("quarkus.http.host-enabled", "false");
        }
        return builder;
    }
}
