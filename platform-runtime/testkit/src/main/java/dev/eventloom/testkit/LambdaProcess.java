package dev.eventloom.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs a JVM {@code function.zip} the way AWS's {@code java21} managed runtime does: unpacked to a task root, on the
 * class path with the Runtime Interface Client, main class {@code AWSLambda}, the handler as argument, and
 * {@code AWS_LAMBDA_RUNTIME_API} pointing at a {@link RuntimeApiServer}.
 */
public final class LambdaProcess implements AutoCloseable {

    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** One class of each jar the Runtime Interface Client needs; AWS's runtime provides these jars itself. */
    private static final List<String> RUNTIME_CLIENT_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "software.amazon.awssdk.annotations.SdkInternalApi");

    private final Process process;

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className, false, LambdaProcess.class.getClassLoader()).getProtectionDomain()
                    .getCodeSource().getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("the Runtime Interface Client is not on the class path (" + className
                    + "): depend on dev.eventloom:eventloom-testkit", e);
        }
    }

    private LambdaProcess(Process process) {
        this.process = process;
    }

    /** Unpacks {@code zip} into {@code taskRoot} (replacing what was there). */
    public static void unpack(Path zip, Path taskRoot) throws IOException {
        if (Files.exists(taskRoot)) {
            try (Stream<Path> files = Files.walk(taskRoot)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(taskRoot);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path target = taskRoot.resolve(entry.getName()).normalize();
                if (!target.startsWith(taskRoot)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
    }

    /**
     * The task root's class path as the managed runtime builds it: the root itself, then every jar in {@code lib/}.
     */
    public static List<String> taskRootClassPath(Path taskRoot) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(taskRoot.toString());
        Path lib = taskRoot.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
            }
        }
        return entries;
    }

    /** Starts the runtime; its output goes to {@code log}. */
    public static LambdaProcess start(Path taskRoot, String runtimeApi, List<String> jvmOptions, Map<String, String> env,
            Path log) throws IOException {
        List<String> classPath = new ArrayList<>(taskRootClassPath(taskRoot));
        for (String runtimeClass : RUNTIME_CLIENT_CLASSES) {
            classPath.add(jarOf(runtimeClass));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            // AWS's java21 runtime does not need it; JDK 24+ does for jboss-threads' thread-local reset.
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(QUARKUS_HANDLER);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "local");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        builder.environment().put("AWS_REGION", "eu-west-1");
        builder.environment().putAll(env);
        return new LambdaProcess(builder.start());
    }

    public Process process() {
        return process;
    }

    /** Resident set size in KiB, from /proc, or -1 where that is not available. */
    public long rssKib() {
        try (InputStream in = Files.newInputStream(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            for (String line : new String(in.readAllBytes()).split("\n")) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time the process has used so far (all its threads, user and system) in milliseconds, or -1 if unknown. */
    public long cpuMillis() {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
