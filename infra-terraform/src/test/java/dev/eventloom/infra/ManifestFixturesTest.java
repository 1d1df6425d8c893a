package dev.eventloom.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The manifests the Terraform tests plan with are manifests a build could write: each one follows the schema the
 * build publishes beside its manifest, so the module is tested on the contract, not on a shape of its own.
 */
class ManifestFixturesTest {

    static final Path SCHEMA = Path.of("..", "platform-runtime", "core", "deployment", "src", "main", "resources",
            "eventloom", "manifest.schema.json");
    static final Path FIXTURES = Path.of("modules", "aws-lambda", "tests", "fixtures");

    @Test
    void everyFixtureManifestFollowsTheBuildsSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SCHEMA.toAbsolutePath().toUri());
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(FIXTURES)) {
            fixtures = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(fixtures.isEmpty(), "no fixtures in " + FIXTURES.toAbsolutePath());
        ObjectMapper json = new ObjectMapper();
        for (Path fixture : fixtures) {
            JsonNode manifest = json.readTree(fixture.toFile());
            Set<ValidationMessage> problems = schema.validate(manifest);
            assertTrue(problems.isEmpty(), fixture.getFileName() + ": " + problems);
        }
    }
}
