package dev.eventloom.redis;

import java.nio.file.Path;
import java.util.List;

import dev.eventloom.testkit.LocalServer;

/** A real {@code redis-server} (Debian's package) for the tests, without persistence, one per test JVM. */
final class RedisServer {

    static final LocalServer SERVER = new LocalServer("redis", Path.of("/usr/bin/redis-server"), "redis-server",
            List.of("--port", "{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));

    private RedisServer() {
    }

    static String url() {
        return "redis://127.0.0.1:" + SERVER.port();
    }

    static void start() {
        SERVER.start();
    }

    static void kill() {
        SERVER.kill();
    }
}
