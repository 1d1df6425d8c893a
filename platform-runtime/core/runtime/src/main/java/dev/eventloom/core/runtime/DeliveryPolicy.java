package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.eventloom.Delivery.Backoff;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * A function's delivery rules after configuration: retries and their backoff, dead letter, concurrency limit,
 * idempotency and ordering.
 */
public record DeliveryPolicy(int retries, Backoff backoff, Duration backoffDelay, Duration maxBackoffDelay,
        String deadLetter, int maxConcurrency, boolean idempotent, Duration idempotencyTtl, boolean ordered) {

    private static final Pattern ARN = Pattern.compile("arn:[^:\\s]+:[^:\\s]+:[^:\\s]*:[^:\\s]*:\\S+");
    private static final String MEMORY = "memory:";
    private static final Pattern SINK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(0, Backoff.EXPONENTIAL, Duration.ofMillis(100),
            Duration.ofSeconds(30), null, 0, false, Duration.ofHours(1), false);

    /** The wait before retry {@code n} (1-based). */
    public Duration delayBefore(int retry) {
        long millis = backoff == Backoff.LINEAR ? backoffDelay.toMillis() * retry
                : backoffDelay.toMillis() << Math.min(retry - 1, 30);
        if (millis < 0 || millis > maxBackoffDelay.toMillis()) {
            return maxBackoffDelay;
        }
        return Duration.ofMillis(millis);
    }

    /** The policy with the build's settings applied over the defaults; problems are added to {@code problems}. */
    public static DeliveryPolicy of(DeliveryMetadata written, Settings overrides, List<String> problems, String where) {
        DeliveryMetadata m = written == null ? new DeliveryMetadata() : written;
        int retries = pick(overrides.retries(), m.getRetries(), DEFAULT.retries());
        Backoff backoff = DEFAULT.backoff();
        String backoffText = overrides.backoff() != null ? overrides.backoff() : m.getBackoff();
        if (backoffText != null) {
            try {
                backoff = Backoff.valueOf(backoffText.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": backoff '" + backoffText + "' is neither linear nor exponential");
            }
        }
        Duration delay = duration(overrides.backoffDelay(), m.getBackoffDelay(), DEFAULT.backoffDelay(), "backoff-delay",
                where, problems);
        Duration maxDelay = duration(overrides.maxBackoffDelay(), m.getMaxBackoffDelay(), DEFAULT.maxBackoffDelay(),
                "max-backoff-delay", where, problems);
        String deadLetter = overrides.deadLetter() != null ? overrides.deadLetter() : m.getDeadLetter();
        if (deadLetter != null && deadLetter.isBlank()) {
            deadLetter = null;
        }
        String invalid = deadLetter == null || infrastructureDeadLetter(deadLetter) ? null
                : invalidDestination(deadLetter);
        if (invalid != null) {
            problems.add(where + ": dead-letter '" + deadLetter + "' " + invalid);
        }
        int maxConcurrency = pick(overrides.maxConcurrency(), m.getMaxConcurrency(), DEFAULT.maxConcurrency());
        boolean idempotent = overrides.idempotent() != null ? overrides.idempotent()
                : m.getIdempotent() != null ? m.getIdempotent() : DEFAULT.idempotent();
        Duration ttl = duration(overrides.idempotencyTtl(), m.getIdempotencyTtl(), DEFAULT.idempotencyTtl(),
                "idempotency-ttl", where, problems);
        boolean ordered = overrides.ordered() != null ? overrides.ordered()
                : m.getOrdered() != null ? m.getOrdered() : DEFAULT.ordered();
        if (retries < 0) {
            problems.add(where + ": retries must be 0 or more, got " + retries);
        }
        if (maxConcurrency < 0) {
            problems.add(where + ": max-concurrency must be 0 (no limit) or more, got " + maxConcurrency);
        }
        if (maxDelay.compareTo(delay) < 0) {
            problems.add(where + ": max-backoff-delay " + maxDelay + " is shorter than backoff-delay " + delay);
        }
        return new DeliveryPolicy(retries, backoff, delay, maxDelay, deadLetter, maxConcurrency, idempotent, ttl,
                ordered);
    }

    /**
     * Whether a dead letter belongs to the infrastructure: an AWS ARN ({@code arn:aws:sqs:<region>:<account>:<queue>})
     * or the name of a logical sink that deployment binds (the Terraform module's {@code dead_letter_targets}). The
     * runtime sends nothing there: after the last attempt the failure goes back to the transport (a batch item failure,
     * a failed invocation, an error status), and the source's redrive policy, on-failure destination or dead-letter sink
     * takes the event. Deployment wires that from the manifest.
     */
    public static boolean infrastructureDeadLetter(String deadLetter) {
        return deadLetter != null && (ARN.matcher(deadLetter).matches() || SINK_NAME.matcher(deadLetter).matches());
    }

    /** The dead letter the runtime sends failed events to itself (a URL or a channel); {@code null} when none. */
    public String sentDeadLetter() {
        return deadLetter == null || infrastructureDeadLetter(deadLetter) ? null : deadLetter;
    }

    /** Why a destination of replies or dead letters cannot be used, or {@code null} when it can. */
    public static String invalidDestination(String destination) {
        if (destination.startsWith("channel:")) {
            return destination.length() > "channel:".length() ? null : "names no channel; write channel:<name>";
        }
        if (destination.startsWith(FileSink.SCHEME)) {
            return destination.length() > FileSink.SCHEME.length() ? null : "names no file; write file:<path>";
        }
        if (destination.startsWith(MEMORY)) {
            // An in-memory sink of the application's tests (dev.eventloom:eventloom-test's EventloomClient).
            return destination.length() > MEMORY.length() ? null : "names no sink; write memory:<name>";
        }
        try {
            URI uri = URI.create(destination);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        return "is neither an http(s) URL, channel:<name> nor file:<path> (dead letters may also be an AWS ARN or the "
                + "name of a sink that deployment binds, such as billing-dlq)";
    }

    private static int pick(Integer override, Integer written, int fallback) {
        return override != null ? override : written != null ? written : fallback;
    }

    private static Duration duration(String override, String written, Duration fallback, String name, String where,
            List<String> problems) {
        String text = override != null ? override : written;
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration value = DurationConverter.parseDuration(text.strip());
            if (value.isNegative()) {
                problems.add(where + ": " + name + " must not be negative, got " + text);
                return fallback;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + name + " '" + text + "' is not a duration; write it like 10s, 500ms or PT1M");
            return fallback;
        }
    }

    /** Run-time overrides, as written in configuration; {@code null} for not set. */
    public record Settings(Integer retries, String backoff, String backoffDelay, String maxBackoffDelay,
            String deadLetter, Integer maxConcurrency, Boolean idempotent, String idempotencyTtl, Boolean ordered) {

        public static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null);
    }

    /** Summary for logs. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (retries > 0) {
            parts.add(retries + " retries (" + backoff.name().toLowerCase(Locale.ROOT) + " from " + backoffDelay.toMillis()
                    + " ms)");
        }
        if (deadLetter != null) {
            parts.add("dead letter " + deadLetter);
        }
        if (maxConcurrency > 0) {
            parts.add("at most " + maxConcurrency + " at once");
        }
        if (idempotent) {
            parts.add("idempotent for " + idempotencyTtl);
        }
        if (ordered) {
            parts.add("ordered by partition key");
        }
        return parts.isEmpty() ? "no retries" : String.join(", ", parts);
    }
}
