package dev.eventloom.core.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * How AWS Lambda runs what this build packages (the Lambda binding produces it): the managed runtime and the handler,
 * written into the manifest's {@code packaging.lambda} so deployment takes them from the build instead of guessing.
 */
public final class LambdaPackagingBuildItem extends SimpleBuildItem {

    private final String runtime;
    private final String handler;

    public LambdaPackagingBuildItem(String runtime, String handler) {
        this.runtime = runtime;
        this.handler = handler;
    }

    public String runtime() {
        return runtime;
    }

    public String handler() {
        return handler;
    }
}
