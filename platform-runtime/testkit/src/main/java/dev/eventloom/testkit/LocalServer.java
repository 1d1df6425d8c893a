package dev.eventloom.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real server a test starts as a process (Debian's {@code redis-server}, {@code mosquitto}, ...) on a free port, one
 * per name and test JVM: its port and process id live in system properties, so the two class loaders of a Quarkus test
 * (JUnit's and the application's) share one server. Fails with what to install when the binary is missing.
 */
public final class LocalServer {

    private final String name;
    private final Path binary;
    private final List<String> arguments;

    /**
     * @param arguments the command's arguments; {@code {port}} is replaced by the server's port
     */
    public LocalServer(String name, Path binary, String debianPackage, List<String> arguments) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: apt-get install -y " + debianPackage);
        }
        this.name = name;
        this.binary = binary;
        this.arguments = arguments;
    }

    /** The port, the server started on first use. */
    public synchronized int port() {
        String port = System.getProperty(property("port"));
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(property("port"), port);
            start();
        }
        return Integer.parseInt(port);
    }

    /** Starts the server on its port and waits until it accepts connections. */
    public synchronized void start() {
        int port = Integer.parseInt(System.getProperty(property("port")));
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        arguments.forEach(argument -> command.add(argument.replace("{port}", String.valueOf(port))));
        try {
            Path log = Path.of("target", name + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            System.setProperty(property("pid"), String.valueOf(process.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(name + " did not listen on port " + port + " within 30 s; see "
                            + "target/" + name + ".log");
                }
                // The poll interval of a condition wait (as Awaitility's), not a delay that orders anything.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    /** Kills the server, as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        String pid = System.getProperty(property("pid"));
        if (pid != null) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                process.destroyForcibly();
                try {
                    process.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(name + " did not stop", e);
                }
            });
            System.clearProperty(property("pid"));
        }
    }

    /** Outside {@code eventloom.*}, which the application checks for unknown keys. */
    private String property(String what) {
        return "local-server." + name + "." + what;
    }
}
