package dev.eventloom.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventloom.testkit.LambdaProcess;
import dev.eventloom.testkit.RuntimeApiServer;

/**
 * Lambda cold start and invocation rate in JVM mode, each application run as AWS's java21 runtime runs it (the Runtime
 * Interface Client, a Runtime API server on loopback). Cold start is process launch to the first invocation's
 * response; the rate is invocations per second, one at a time as a Lambda execution environment takes them. The
 * applications alternate A B A B so drift shows.
 *
 * <pre>
 * java -cp ... dev.eventloom.benchmarks.LambdaBench OUT_DIR ROUNDS SECONDS name=function.zip [name=function.zip ...]
 * </pre>
 *
 * Appends {@code lambda-start} (ms, RSS KiB after the first event, CPU ms the process used until then) and
 * {@code lambda-rate} (invocations/s, RSS KiB after) rows to {@code OUT_DIR/results.tsv}, and prints each figure.
 * {@code LAMBDA_JVM_OPTIONS} adds JVM options to every run (for profiling).
 */
public final class LambdaBench {

    static final String EVENT = "{\"name\":\"x\"}";

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Map<String, Path> roots = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] app = args[i].split("=", 2);
            Path root = out.resolve("lambda-" + app[0].replaceAll("[^A-Za-z0-9]", "-")).toAbsolutePath();
            LambdaProcess.unpack(Path.of(app[1]), root);
            roots.put(app[0], root);
        }
        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Path> app : roots.entrySet()) {
                rows.addAll(measure(out, app.getKey(), app.getValue(), round, seconds));
            }
        }
        Files.write(out.resolve("results.tsv"), rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> measure(Path out, String name, Path root, int round, int seconds) throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            var first = api.invoke(EVENT, Duration.ofSeconds(30));
            long begin = System.nanoTime();
            List<String> jvmOptions = System.getenv("LAMBDA_JVM_OPTIONS") == null ? List.of()
                    : List.of(System.getenv("LAMBDA_JVM_OPTIONS").trim().split("\\s+"));
            try (LambdaProcess lambda = LambdaProcess.start(root, api.address(), jvmOptions,
                    Map.of("QUARKUS_HTTP_HOST_ENABLED", "false", "JAVA_TOOL_OPTIONS",
                            "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                    out.resolve(root.getFileName() + ".log"))) {
                java.util.concurrent.CompletableFuture.anyOf(first, api.initError())
                        .get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (api.initError().isDone()) {
                    throw new IllegalStateException(name + " failed to start: " + api.initError().get());
                }
                RuntimeApiServer.Result result = first.get();
                long startMillis = (System.nanoTime() - begin) / 1_000_000;
                check(name, result);
                long rssFirst = lambda.rssKib();
                long cpuFirst = lambda.cpuMillis();
                long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                int count = 0;
                long measured = System.nanoTime();
                while (System.nanoTime() < end) {
                    check(name, api.invokeAndWait(EVENT, Duration.ofSeconds(30)));
                    count++;
                }
                double rate = count / ((System.nanoTime() - measured) / 1e9);
                long rssAfter = lambda.rssKib();
                System.out.printf(
                        "  %-22s cold start %5d ms (%5d ms of CPU), RSS %7d KiB; %8.0f invocations/s, RSS %7d KiB%n",
                        name, startMillis, cpuFirst, rssFirst, rate, rssAfter);
                return List.of(
                        String.join("\t", "lambda-start", name, String.valueOf(round), String.valueOf(startMillis),
                                String.valueOf(rssFirst), String.valueOf(cpuFirst)),
                        String.join("\t", "lambda-rate", name, String.valueOf(round), String.format("%.1f", rate),
                                String.valueOf(rssAfter)));
            }
        }
    }

    private static void check(String name, RuntimeApiServer.Result result) {
        if (result.error() || !result.body().contains("Hello x")) {
            throw new IllegalStateException(name + " answered " + result.body());
        }
    }
}
