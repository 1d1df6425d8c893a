package dev.eventloom.examples.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The manifest {@code ./mvnw package} writes is valid against its schema and says what the code declares. */
class ManifestIT {

    static final Path DIR = Path.of("target", "eventloom");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theManifestFollowsItsSchema() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(DIR.resolve("manifest.schema.json").toUri());
        JsonNode manifest = JSON.readTree(DIR.resolve("manifest.json").toFile());
        Set<ValidationMessage> problems = schema.validate(manifest);
        assertTrue(problems.isEmpty(), problems.toString());

        // and the schema does reject what deployment tooling could not use
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("functions").get(0)).put("dispatch", "somewhere");
        ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("functions").get(1)).putArray("triggers")
                .addObject().putArray("filters").addObject().putObject("exact").put("Type", "x");
        assertEquals(2, schema.validate(manifest).size(), schema.validate(manifest).toString());
    }

    @Test
    void theManifestDescribesTheGreetingFunctions() throws Exception {
        JsonNode manifest = JSON.readTree(DIR.resolve("manifest.json").toFile());
        assertEquals(1, manifest.get("manifestVersion").asInt());
        assertEquals("greeting", manifest.at("/application/name").asText());
        assertEquals("jvm", manifest.at("/packaging/kind").asText(), "a JVM build");
        assertTrue(manifest.at("/packaging/lambda").isMissingNode(), "no Lambda binding, no Lambda runtime");
        List<String> names = StreamSupport.stream(manifest.get("functions").spliterator(), false)
                .map(f -> f.get("name").asText()).toList();
        assertEquals(List.of("announce", "announcements", "greet", "guestbook", "hello", "sign", "vip-welcome"), names);
        JsonNode greet = manifest.get("functions").get(names.indexOf("greet"));
        assertEquals("event-loop", greet.get("dispatch").asText());
        assertEquals("dev.eventloom.greeting.sent", greet.at("/reply/type").asText());
        assertEquals("[{\"exact\":{\"type\":\"dev.eventloom.greeting.requested\"}}]",
                greet.at("/triggers/0/filters").toString());
        JsonNode vip = manifest.get("functions").get(names.indexOf("vip-welcome"));
        assertEquals("virtual-thread", vip.get("dispatch").asText());
        assertEquals("type = 'dev.eventloom.greeting.requested' AND tier = 'gold'", vip.at("/triggers/0/filters/0/cesql").asText());
        JsonNode sign = manifest.get("functions").get(names.indexOf("sign"));
        assertEquals("typed-cloud-event", sign.at("/input/kind").asText());
        assertEquals("dev.eventloom.examples.greeting.Person", sign.at("/input/type").asText());
    }

    @Test
    void knativeYamlHasTheServiceAndOneTriggerPerTriggeredFunction() throws Exception {
        String yaml = java.nio.file.Files.readString(DIR.resolve("knative.yaml"));
        assertEquals(1, yaml.split("---\napiVersion: \"serving.knative.dev/v1\"\nkind: \"Service\"", -1).length - 1, yaml);
        assertEquals(4, yaml.split("kind: \"Trigger\"", -1).length - 1, yaml);
        for (String function : List.of("announce", "greet", "sign", "vip-welcome")) {
            assertTrue(yaml.contains("uri: \"/" + function + "\""), function + " is subscribed: " + yaml);
        }
        assertTrue(yaml.contains("cesql: \"type = 'dev.eventloom.greeting.requested' AND tier = 'gold'\""), yaml);
        assertTrue(yaml.contains("image: \"eventloom/greeting:0.1.0-SNAPSHOT\""),
                "the image is the one the container-image extension builds: " + yaml);
        assertTrue(yaml.contains("networking.knative.dev/visibility: \"cluster-local\""), yaml);
        assertFalse(yaml.contains("min-scale"), "nothing in it consumes a channel: it may scale to zero");
        assertTrue(yaml.contains("prometheus.io/port: \"9000\""), "its metrics are on the management port: " + yaml);
        assertTrue(yaml.contains("prometheus.io/path: \"/q/metrics\""), yaml);
    }
}
