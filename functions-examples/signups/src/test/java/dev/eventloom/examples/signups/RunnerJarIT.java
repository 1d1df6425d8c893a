package dev.eventloom.examples.signups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The build that makes {@code function.zip} runs anywhere else too: {@code java -jar} on the runner jar it writes
 * serves the functions over real HTTP on {@code $PORT}, as on Knative or a laptop.
 */
class RunnerJarIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theRunnerJarServesTheFunctionsOverHttp() throws Exception {
        Path jar = Path.of("target", "signups-0.1.0-SNAPSHOT-runner.jar");
        assertTrue(Files.exists(jar), "./mvnw package writes " + jar);
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "runner-it.log").toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process app = builder.start();
        try {
            HttpResponse<String> signup = await(port, app, HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/signup")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"ada@example.com\",\"name\":\"Ada\"}"))
                    .build());
            assertEquals(200, signup.statusCode(), signup.body());
            assertTrue(signup.body().contains("ada@example.com"), signup.body());
            HttpResponse<String> members = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/members")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, members.statusCode(), members.body());
            assertTrue(members.body().contains("Ada"), members.body());
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    /** Sends the request once the application listens (for up to 60 s), and gives its answer. */
    private static HttpResponse<String> await(int port, Process app, HttpRequest request) {
        return Awaitility.await("the runner jar listens on port " + port).atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertTrue(app.isAlive(), "the application exited; see target/runner-it.log");
                    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                }, answer -> answer != null);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
