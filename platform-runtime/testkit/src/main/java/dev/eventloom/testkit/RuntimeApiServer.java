package dev.eventloom.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The AWS Lambda Runtime API (2018-06-01) as a runtime sees it: {@code invocation/next} hands out queued events with
 * the request id, deadline and function ARN headers; {@code response} and {@code error} complete them; init errors are
 * kept. Enough to run a packaged Lambda locally, as AWS would, and measure it.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** What the runtime answered for one invocation. */
    public record Result(boolean error, String body, long nanos) {
    }

    private record Invocation(String id, byte[] event, long timeoutMillis, CompletableFuture<Result> result,
            long queued) {
    }

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> running = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    public RuntimeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "runtime-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes with the runtime's response or error. */
    public CompletableFuture<Result> invoke(String event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event.getBytes(StandardCharsets.UTF_8),
                timeout.toMillis(), new CompletableFuture<>(), System.nanoTime());
        queue.add(invocation);
        return invocation.result();
    }

    /** Invokes and waits. */
    public Result invokeAndWait(String event, Duration timeout) throws Exception {
        return invoke(event, timeout).get(timeout.toMillis() + 60_000, TimeUnit.MILLISECONDS);
    }

    /** Completes when the runtime reports an initialisation error. */
    public CompletableFuture<String> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try (exchange) {
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                Invocation next = queue.take();
                running.put(next.id(), next);
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        String.valueOf(System.currentTimeMillis() + next.timeoutMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:local");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                send(exchange, 200, next.event());
            } else if (path.startsWith("invocation/") && exchange.getRequestMethod().equals("POST")) {
                String[] parts = path.split("/");
                Invocation invocation = running.remove(parts[1]);
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (invocation == null) {
                    send(exchange, 404, "{\"errorMessage\":\"unknown request id\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                invocation.result().complete(new Result(parts[2].equals("error"),
                        new String(body, StandardCharsets.UTF_8), System.nanoTime() - invocation.queued()));
            } else if (path.equals("init/error")) {
                initError.complete(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
