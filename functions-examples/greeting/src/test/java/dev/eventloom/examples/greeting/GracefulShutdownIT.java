package dev.eventloom.examples.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Knative stops a revision with SIGTERM: the packaged application must finish what it is doing (here a guestbook
 * write that takes two seconds), refuse new work, and exit cleanly. Runs against the jar {@code ./mvnw package} built,
 * started on {@code $PORT} as Knative starts it.
 */
class GracefulShutdownIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigterm_drains_in_flight_events_then_exits() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("greeting", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgreeting.guestbook.write-delay=2s", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process app = builder.start();
        try {
            awaitReady(port, app);
            CompletableFuture<HttpResponse<String>> signing = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/"))
                    .header("Content-Type", "application/cloudevents+json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"specversion":"1.0","id":"drain-1","source":"/it","type":"dev.eventloom.guestbook.signed",
                             "data":{"name":"Ada"}}
                            """))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500); // the write has started
            app.destroy(); // SIGTERM

            HttpResponse<String> signed = signing.get(20, TimeUnit.SECONDS);
            assertEquals(202, signed.statusCode(), "the in-flight event was not completed: " + signed.body());
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the application did not exit after SIGTERM");
            assertEquals(143, app.exitValue(), "a JVM stopped by SIGTERM exits with 128 + 15");
            assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/guestbook")).build(), HttpResponse.BodyHandlers.ofString()));
            String output = Files.readString(log);
            assertTrue(output.contains("Listening on: http://0.0.0.0:" + port), output);
        } finally {
            app.destroyForcibly();
        }
    }

    static void awaitReady(int port, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(app.isAlive(), "the application exited during startup");
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the application was not ready within 60 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
