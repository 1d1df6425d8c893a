package dev.eventloom.examples.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Knative stops a revision with SIGTERM while it is under load. Against the jar {@code ./mvnw package} built, started
 * on {@code $PORT} as Knative starts it, with guestbook writes that take a second: 120 keep-alive clients (100 signing
 * the guestbook on the worker pool, 20 calling {@code hello} on the event loop) send requests back to back, and once
 * every one has been answered at least once, the application gets SIGTERM (a client whose connection is closed opens
 * another, as load generators and proxies do). Then:
 * <ul>
 * <li>every request sent before SIGTERM has an answer (none is dropped);</li>
 * <li>every answer is a success or a 503 with {@code Connection: close} and {@code Retry-After} (a new request after
 * SIGTERM), and no function ran for a request answered 503, while every signing answered 202 ran once;</li>
 * <li>every signing that ran was answered with a success: the server never drops a request whose function ran;</li>
 * <li>the application exits with 143 and its port is closed.</li>
 * </ul>
 */
class ShutdownUnderLoadIT {

    static final Logger LOG = Logger.getLogger(ShutdownUnderLoadIT.class);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final int SIGNING_CLIENTS = 100;
    static final int HELLO_CLIENTS = 20;

    record Exchange(String name, boolean signing, boolean sentBeforeSigterm, int status, String connection,
            String retryAfter) {
    }

    @Test
    void sigtermUnderLoadAnswersEveryRequestReadAndRunsNoFunctionItRefused() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("greeting", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgreeting.guestbook.write-delay=1s",
                // what Knative gives a pod; each in-flight write takes a second
                "-Dquarkus.shutdown.timeout=10s",
                "-Dquarkus.log.category.\"dev.eventloom.examples.greeting\".level=DEBUG",
                "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        Process app = builder.start();
        int clients = SIGNING_CLIENTS + HELLO_CLIENTS;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            awaitReady(port, app);
            AtomicBoolean sigterm = new AtomicBoolean();
            CountDownLatch everyClientAnswered = new CountDownLatch(clients);
            ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(pool.submit(() -> load(port, client, client < SIGNING_CLIENTS, sigterm,
                        everyClientAnswered, exchanges, unanswered)));
            }
            assertTrue(everyClientAnswered.await(120, TimeUnit.SECONDS), "the load did not reach every client");
            sigterm.set(true);
            app.destroy(); // SIGTERM
            for (java.util.concurrent.Future<?> client : running) {
                client.get(90, TimeUnit.SECONDS);
            }
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the application did not exit after SIGTERM");
            assertEquals(143, app.exitValue(), "a JVM stopped by SIGTERM exits with 128 + 15");
            assertConnectionRefused(port);

            assertTrue(unanswered.isEmpty(), "requests sent before SIGTERM without an answer: " + unanswered);
            String output = Files.readString(log);
            List<String> signed = output.lines().filter(line -> line.contains("Signed by "))
                    .map(line -> line.substring(line.indexOf("Signed by ") + "Signed by ".length()).strip()).toList();
            List<String> problems = new ArrayList<>();
            for (Exchange exchange : exchanges) {
                long runs = signed.stream().filter(exchange.name()::equals).count();
                if (exchange.status() == 503) {
                    if (!"close".equalsIgnoreCase(exchange.connection()) || exchange.retryAfter() == null) {
                        problems.add(exchange + ": a 503 without Connection: close and Retry-After");
                    }
                    if (runs != 0) {
                        problems.add(exchange + ": answered 503, yet its function ran");
                    }
                } else if (exchange.status() / 100 != 2) {
                    problems.add(exchange + ": neither a success nor a 503");
                } else if (exchange.signing() && runs != 1) {
                    problems.add(exchange + ": answered " + exchange.status() + ", function ran " + runs + " times");
                }
            }
            java.util.Set<String> succeeded = exchanges.stream().filter(e -> e.status() / 100 == 2).map(Exchange::name)
                    .collect(Collectors.toSet());
            signed.stream().filter(name -> !succeeded.contains(name)).limit(20)
                    .forEach(name -> problems.add(name + ": its function ran, but its request got no success answer"));
            assertTrue(problems.isEmpty(), problems.size() + " problems: "
                    + problems.stream().limit(20).collect(Collectors.joining("\n")));
            long afterSigterm = exchanges.stream().filter(e -> !e.sentBeforeSigterm()).count();
            long refused = exchanges.stream().filter(e -> e.status() == 503).count();
            LOG.infof("[shutdown] %d clients, %d answers (%d to requests sent after SIGTERM, %d of them 503), %d "
                    + "signings ran", clients, exchanges.size(), afterSigterm, refused, signed.size());
            assertTrue(output.contains("Listening on: http://0.0.0.0:" + port), output);
        } finally {
            pool.shutdownNow();
            app.destroyForcibly();
        }
    }

    /**
     * One client as a load generator behaves: requests back to back on a kept-alive connection, a new connection when
     * the server closes one, until it answers 503 or refuses the connection. A request sent before SIGTERM that gets
     * no answer is recorded in {@code unanswered}.
     */
    private static Void load(int port, int client, boolean signing, AtomicBoolean sigterm, CountDownLatch answered,
            ConcurrentLinkedQueue<Exchange> exchanges, ConcurrentLinkedQueue<String> unanswered) throws IOException {
        boolean counted = false;
        int n = 0;
        try {
            while (true) {
                try (Socket socket = new Socket("localhost", port)) {
                    socket.setSoTimeout(60_000); // a bound on a hung answer, not a synchronisation
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    while (true) {
                        String name = "c" + client + "-" + n++;
                        boolean beforeSigterm = !sigterm.get();
                        try {
                            out.write(request(signing, name));
                            out.flush();
                        } catch (IOException e) {
                            if (beforeSigterm) {
                                unanswered.add(name + " (could not be sent: " + e.getMessage() + ")");
                            }
                            return null;
                        }
                        String[] answer = readAnswer(in);
                        if (answer == null) {
                            if (beforeSigterm) {
                                unanswered.add(name);
                            }
                            return null;
                        }
                        int status = Integer.parseInt(answer[0]);
                        exchanges.add(new Exchange(name, signing, beforeSigterm, status, answer[1], answer[2]));
                        if (!counted) {
                            counted = true;
                            answered.countDown();
                        }
                        if (status == 503) {
                            return null;
                        }
                        if ("close".equalsIgnoreCase(answer[1])) {
                            break; // the server closes this connection: open another
                        }
                    }
                }
            }
        } catch (ConnectException e) {
            return null; // the application stopped listening
        } finally {
            if (!counted) {
                answered.countDown();
            }
        }
    }

    private static byte[] request(boolean signing, String name) {
        String body = signing
                ? "{\"specversion\":\"1.0\",\"id\":\"" + name + "\",\"source\":\"/it\","
                        + "\"type\":\"dev.eventloom.guestbook.signed\",\"data\":{\"name\":\"" + name + "\"}}"
                : "{\"name\":\"" + name + "\"}";
        String head = (signing ? "POST / HTTP/1.1\r\nContent-Type: application/cloudevents+json\r\n"
                : "POST /hello HTTP/1.1\r\nContent-Type: application/json\r\n")
                + "Host: localhost\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    /** Status, Connection and Retry-After of the next answer (its body read by Content-Length), or null at EOF. */
    private static String[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (IOException e) {
            return null; // reset: no answer
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String connection = null;
        String retryAfter = null;
        int length = 0;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            } else if (lower.startsWith("connection:")) {
                connection = line.substring(11).strip();
            } else if (lower.startsWith("retry-after:")) {
                retryAfter = line.substring(12).strip();
            }
        }
        in.readNBytes(length);
        return new String[] { lines[0].substring(9, 12), connection, retryAfter };
    }

    private static void assertConnectionRefused(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            throw new AssertionError("the port is still open after the application exited");
        } catch (IOException expected) {
            // closed
        }
    }

    static void awaitReady(int port, Process app) {
        Awaitility.await("the application is ready").atMost(Duration.ofSeconds(60))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertTrue(app.isAlive(), "the application exited during startup");
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
