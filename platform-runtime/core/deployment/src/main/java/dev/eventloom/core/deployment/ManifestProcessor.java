package dev.eventloom.core.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventloom.core.runtime.DeliveryMetadata;
import dev.eventloom.core.runtime.FunctionMetadata;
import dev.eventloom.core.runtime.InputKind;
import dev.eventloom.core.runtime.filter.FilterJson;
import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationInfoBuildItem;
import io.quarkus.deployment.builditem.GeneratedFileSystemResourceBuildItem;
import io.quarkus.deployment.pkg.NativeConfig;

/**
 * Writes {@code target/eventloom/manifest.json}, what the application declares, for deployment tooling, with its JSON
 * Schema beside it ({@code manifest.schema.json}). Functions and logical sources are sorted so builds are
 * reproducible.
 */
class ManifestProcessor {

    static final int MANIFEST_VERSION = 1;
    static final String SCHEMA = "eventloom/manifest.schema.json";

    @BuildStep
    void manifest(ApplicationInfoBuildItem application, List<EventFunctionBuildItem> functions,
            NativeConfig nativeConfig, Optional<LambdaPackagingBuildItem> lambda,
            BuildProducer<GeneratedFileSystemResourceBuildItem> files, BuildProducer<ManifestBuildItem> manifests) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("manifestVersion", MANIFEST_VERSION);
        manifest.putObject("application").put("name", application.getName()).put("version", application.getVersion());
        ObjectNode packaging = manifest.putObject("packaging").put("kind", nativeConfig.enabled() ? "native" : "jvm");
        if (nativeConfig.enabled()) {
            // A native executable runs on the instruction set it was built for.
            packaging.put("architecture", architecture(System.getProperty("os.arch")));
        }
        lambda.ifPresent(l -> packaging.putObject("lambda").put("runtime", l.runtime()).put("handler", l.handler()));
        TreeSet<String> sources = new TreeSet<>();
        ArrayNode list = json.createArrayNode();
        functions.stream().map(EventFunctionBuildItem::metadata).sorted(Comparator.comparing(FunctionMetadata::getName))
                .forEach(function -> list.add(function(json, function, sources)));
        ArrayNode logicalSources = manifest.putArray("logicalSources");
        sources.forEach(logicalSources::add);
        manifest.set("functions", list);
        manifests.produce(new ManifestBuildItem(manifest.deepCopy()));
        try {
            files.produce(new GeneratedFileSystemResourceBuildItem("eventloom/manifest.json",
                    json.writeValueAsBytes(manifest)));
            try (InputStream schema = ManifestProcessor.class.getClassLoader().getResourceAsStream(SCHEMA)) {
                files.produce(new GeneratedFileSystemResourceBuildItem(SCHEMA, schema.readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Eventloom manifest", e);
        }
    }

    /** The architecture as AWS Lambda names it. */
    static String architecture(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> osArch;
        };
    }

    private static ObjectNode function(ObjectMapper json, FunctionMetadata function, TreeSet<String> sources) {
        ObjectNode node = json.createObjectNode()
                .put("name", function.getName())
                .put("class", function.getDeclaringClass())
                .put("method", function.getMethodName())
                .put("dispatch", kebab(function.getDispatchMode()));
        ObjectNode input = node.putObject("input").put("kind", kebab(function.getInputKind()));
        if (function.getInputKind() == InputKind.TYPED_CLOUD_EVENT) {
            input.put("dataKind", kebab(function.getDataKind()));
        }
        if (function.getInputType() != null) {
            input.put("type", function.getInputType());
        }
        ObjectNode output = node.putObject("output").put("shape", kebab(function.getOutputShape()));
        if (function.getOutputType() != null) {
            output.put("type", function.getOutputType());
        }
        ArrayNode triggers = node.putArray("triggers");
        for (TriggerMetadata trigger : function.getTriggers()) {
            ObjectNode entry = triggers.addObject();
            if (trigger.getLogicalSource() != null) {
                entry.put("source", trigger.getLogicalSource());
                sources.add(trigger.getLogicalSource());
            }
            entry.set("filters", FilterJson.toJson(trigger.getFilters()));
        }
        node.putObject("reply").put("type", function.getReplyType()).put("source", function.getReplySource());
        ObjectNode delivery = node.putObject("delivery");
        if (function.getTimeout() != null) {
            delivery.put("timeout", function.getTimeout());
        }
        if (function.getMemory() != null || function.getPlatformTimeout() != null) {
            ObjectNode resources = node.putObject("resources");
            if (function.getMemory() != null) {
                resources.put("memory", function.getMemory());
            }
            if (function.getPlatformTimeout() != null) {
                resources.put("timeout", function.getPlatformTimeout());
            }
        }
        DeliveryMetadata settings = function.getDelivery();
        if (settings.getRetries() != null) {
            delivery.put("retries", settings.getRetries());
        }
        if (settings.getBackoff() != null) {
            ObjectNode backoff = delivery.putObject("backoff").put("policy",
                    settings.getBackoff().toLowerCase(Locale.ROOT));
            if (settings.getBackoffDelay() != null) {
                backoff.put("delay", settings.getBackoffDelay());
            }
            if (settings.getMaxBackoffDelay() != null) {
                backoff.put("maxDelay", settings.getMaxBackoffDelay());
            }
        }
        if (settings.getDeadLetter() != null) {
            delivery.put("deadLetter", settings.getDeadLetter());
        }
        if (settings.getMaxConcurrency() != null && settings.getMaxConcurrency() > 0) {
            delivery.put("maxConcurrency", settings.getMaxConcurrency());
        }
        if (Boolean.TRUE.equals(settings.getIdempotent())) {
            delivery.put("idempotent", true);
            if (settings.getIdempotencyTtl() != null) {
                delivery.put("idempotencyTtl", settings.getIdempotencyTtl());
            }
        }
        if (Boolean.TRUE.equals(settings.getOrdered())) {
            delivery.put("ordered", true);
        }
        return node;
    }

    private static String kebab(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
