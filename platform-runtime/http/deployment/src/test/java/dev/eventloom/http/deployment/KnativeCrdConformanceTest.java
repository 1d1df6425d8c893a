package dev.eventloom.http.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The generated Knative Service and Triggers against the real CRD schemas of Knative Serving and Eventing
 * ({@code ../shared/fixtures/knative-crds}), with unknown fields disallowed: every object schema that lists its
 * properties is closed. Run with {@code -Pconformance -Dfixtures.dir=<shared/fixtures>}.
 */
class KnativeCrdConformanceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, JsonSchema> schemas() throws IOException {
        String dir = System.getProperty("fixtures.dir");
        assertNotNull(dir, "set -Dfixtures.dir to the shared fixtures folder");
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (String file : List.of("service.yaml", "trigger.yaml")) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions()))
                    .loadAll(Files.readString(Path.of(dir, "knative-crds", file)))) {
                JsonNode crd = JSON.valueToTree(document);
                String kind = crd.at("/spec/names/kind").asText();
                for (JsonNode version : crd.at("/spec/versions")) {
                    ObjectNode schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
                    // Kubernetes supplies these for every resource, whether the CRD lists them or not.
                    ObjectNode properties = schema.with("properties");
                    properties.putObject("apiVersion").put("type", "string");
                    properties.putObject("kind").put("type", "string");
                    if (!properties.has("metadata")) {
                        properties.putObject("metadata").put("type", "object");
                    }
                    close(schema);
                    String key = crd.at("/spec/group").asText() + "/" + version.get("name").asText() + "/" + kind;
                    schemas.put(key, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema));
                }
            }
        }
        return schemas;
    }

    /** Disallows unknown fields wherever the schema lists the known ones. */
    private static void close(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext();) {
                close(children.next());
            }
        } else if (schema != null && schema.isArray()) {
            schema.forEach(KnativeCrdConformanceTest::close);
        }
    }

    private static void validate(String yaml) throws IOException {
        Map<String, JsonSchema> schemas = schemas();
        List<Map<String, Object>> documents = KnativeManifestTest.documents(yaml);
        assertFalse(documents.isEmpty());
        for (Map<String, Object> document : documents) {
            JsonNode node = JSON.valueToTree(document);
            String key = node.get("apiVersion").asText() + "/" + node.get("kind").asText();
            JsonSchema schema = schemas.get(key);
            assertNotNull(schema, "no CRD for " + key);
            Set<ValidationMessage> problems = schema.validate(node);
            assertTrue(problems.isEmpty(), node.at("/metadata/name") + ": " + problems);
        }
    }

    @Test
    void everyKindOfTriggerAndTheServiceMatchTheirCrds() throws IOException {
        KnativeManifest.Result result = KnativeManifest.render(KnativeFixtures.everyKind(), KnativeFixtures.settings());
        assertEquals(11, KnativeManifestTest.documents(result.yaml()).size());
        validate(result.yaml());
    }

    @Test
    void aServiceWithConcurrencyResourcesTimeoutAndMinScaleMatchesItsCrd() throws IOException {
        var limited = KnativeFixtures.function("limited", KnativeFixtures.trigger("a", null, List.of(), List.of(), null,
                null), KnativeFixtures.trigger("b", null, List.of(), List.of(), null, null));
        limited.getDelivery().setMaxConcurrency(8);
        limited.setMemory(768);
        limited.setPlatformTimeout("45s");
        KnativeManifest.Settings base = KnativeFixtures.settings();
        validate(KnativeManifest.render(List.of(limited), new KnativeManifest.Settings(base.service(),
                base.namespace(), base.image(), base.broker(), base.env(), base.logicalSources(), 2, false, true, 9000))
                .yaml());
    }

    @Test
    void theClosedSchemasRejectUnknownFields() throws IOException {
        String bad = KnativeManifest.render(KnativeFixtures.everyKind(), KnativeFixtures.settings()).yaml()
                .replace("  broker: \"orders\"", "  broker: \"orders\"\n  brokr: \"typo\"");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> validate(bad));
    }
}
