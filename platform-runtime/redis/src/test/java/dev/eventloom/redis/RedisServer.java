package dev.eventloom.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (Debian's {@code redis-server} package) on a free port, without persistence, one per test
 * JVM. Its port and process id live in system properties, so the test's two class loaders (JUnit's and the
 * application's) share one server. Fails with what to install when there is none.
 */
final class RedisServer {

    static final Path BINARY = Path.of("/usr/bin/redis-server");
    static final String PORT = "redis-test.port";
    static final String PID = "redis-test.pid";

    private RedisServer() {
    }

    /** The server's URL, started on first use. */
    static synchronized String url() {
        if (System.getProperty(PORT) == null) {
            if (!Files.isExecutable(BINARY)) {
                throw new IllegalStateException(BINARY + " is missing: apt-get install -y redis-server");
            }
            try (ServerSocket socket = new ServerSocket(0)) {
                System.setProperty(PORT, String.valueOf(socket.getLocalPort()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            start();
        }
        return "redis://127.0.0.1:" + System.getProperty(PORT);
    }

    /** Starts the server on its port and waits until it accepts connections. */
    static synchronized void start() {
        int port = Integer.parseInt(System.getProperty(PORT));
        try {
            Process process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "redis.log").toFile())).start();
            System.setProperty(PID, String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY, e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    /** Kills the server, as a crash would, and waits until it is gone. */
    static synchronized void kill() {
        String pid = System.getProperty(PID);
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
            System.clearProperty(PID);
        }
    }
}
