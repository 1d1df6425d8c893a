package dev.eventloom.examples.signups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/**
 * The manifest of a build with the Lambda binding says how Lambda runs its package (the Terraform module takes the
 * runtime and handler from it), and names its infrastructure dead letter in a form the schema accepts.
 */
class ManifestIT {

    static final Path DIR = Path.of("target", "eventloom");

    @Test
    void thePackagingSaysHowLambdaRunsIt() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(DIR.resolve("manifest.json").toFile());
        var problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(DIR.resolve("manifest.schema.json").toUri()).validate(manifest);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("jvm", manifest.at("/packaging/kind").asText());
        assertEquals("java21", manifest.at("/packaging/lambda/runtime").asText());
        assertEquals("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
                manifest.at("/packaging/lambda/handler").asText());
    }
}
