package dev.eventloom.lambda.runtime.devui;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.eventloom.samples.AwsEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Dev UI's Lambda page, server side (dev mode only): builds what an AWS source sends, with the user's records in
 * it, and invokes the application with it through quarkus-amazon-lambda's mock Runtime API, as AWS would.
 */
@ApplicationScoped
public class LambdaJsonRpcService {

    /** Separates the records of the form's text area. */
    static final String RECORD_SEPARATOR = "\n---\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The logical sources of {@code eventloom.lambda.sources} and the kinds of events the page can build. */
    public JsonObject getSources() {
        JsonArray sources = new JsonArray();
        ConfigProvider.getConfig().getOptionalValues("eventloom.lambda.sources", String.class).orElse(List.of())
                .forEach(entry -> {
                    int equals = entry.indexOf('=');
                    sources.add(new JsonObject().put("name", entry.substring(0, equals).trim())
                            .put("identifier", entry.substring(equals + 1).trim()));
                });
        return new JsonObject().put("sources", sources).put("kinds", new JsonArray(AwsEvents.SOURCES));
    }

    /**
     * Invokes the application with an event of that kind. {@code records} holds one record per part, parts separated
     * by a line {@code ---}.
     */
    public Uni<JsonObject> send(String kind, String arn, String type, String method, String path, String records) {
        String event;
        try {
            List<String> bodies = records == null || records.isBlank() ? List.of()
                    : Arrays.stream(records.replace("\r\n", "\n").split(RECORD_SEPARATOR)).map(String::strip).toList();
            event = AwsEvents.sample(kind, arn, type, method, path, bodies);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new JsonObject().put("error", e.getMessage()));
        }
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.dev-port",
                Integer.class).orElse(8081);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
        JsonObject answer = new JsonObject().put("event", event);
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> answer.put("status", response.statusCode()).put("answer", response.body()))
                .onFailure().recoverWithItem(failure -> answer.put("error", "No mock Lambda Runtime API on port " + port
                        + ": " + failure.getMessage()));
    }
}
