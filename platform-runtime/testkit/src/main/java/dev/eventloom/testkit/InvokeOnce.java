package dev.eventloom.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a Lambda runtime command (a native {@code bootstrap}, say) against a local Runtime API server, sends it events
 * and checks each answer contains the expected text; exits non-zero otherwise.
 *
 * <pre>
 * java -cp eventloom-testkit.jar dev.eventloom.testkit.InvokeOnce EVENT_FILE EXPECTED [EVENT_FILE EXPECTED ...] -- COMMAND...
 * </pre>
 */
public final class InvokeOnce {

    public static void main(String[] args) throws Exception {
        int separator = Arrays.asList(args).indexOf("--");
        if (separator < 2 || separator % 2 != 0 || separator == args.length - 1) {
            System.err.println("usage: InvokeOnce EVENT_FILE EXPECTED [EVENT_FILE EXPECTED ...] -- COMMAND...");
            System.exit(2);
        }
        List<String> command = List.of(args).subList(separator + 1, args.length);
        try (RuntimeApiServer api = new RuntimeApiServer()) {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            builder.environment().put("QUARKUS_HTTP_HOST_ENABLED", "false");
            Process process = builder.start();
            int failures = 0;
            try {
                for (int i = 0; i < separator; i += 2) {
                    String event = Files.readString(Path.of(args[i]));
                    RuntimeApiServer.Result result = api.invokeAndWait(event, Duration.ofSeconds(30));
                    boolean ok = !result.error() && result.body().contains(args[i + 1]);
                    System.out.printf("%s %s -> %s%n", ok ? "ok  " : "FAIL", args[i], result.body());
                    failures += ok ? 0 : 1;
                }
            } finally {
                process.destroy();
            }
            System.exit(failures == 0 ? 0 : 1);
        }
    }
}
