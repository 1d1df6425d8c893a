package dev.eventloom.core.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.builder.item.SimpleBuildItem;

/** The application's manifest ({@code target/eventloom/manifest.json}) as written, for steps that show or use it. */
public final class ManifestBuildItem extends SimpleBuildItem {

    private final ObjectNode manifest;

    ManifestBuildItem(ObjectNode manifest) {
        this.manifest = manifest;
    }

    /** A copy: build steps must not change what others read. */
    public ObjectNode manifest() {
        return manifest.deepCopy();
    }
}
