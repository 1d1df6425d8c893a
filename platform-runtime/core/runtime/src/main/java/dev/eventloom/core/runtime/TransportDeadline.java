package dev.eventloom.core.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * The instant by which a transport needs its answer, such as the end of a Lambda invocation minus a safety margin. A
 * binding that hands events to another binding in-process (Lambda HTTP events to the HTTP binding) passes it along, so
 * no function is given more time than the caller has.
 */
public record TransportDeadline(Instant instant) {

    /**
     * The deadline {@code margin} before the end of {@code remaining}, or {@code null} when {@code remaining} is not a
     * plausible time left (zero, negative, or more than the fifteen minutes a Lambda invocation can last).
     */
    public static TransportDeadline of(long remainingMillis, Duration margin) {
        if (remainingMillis <= 0 || remainingMillis > Duration.ofMinutes(15).toMillis()) {
            return null;
        }
        return new TransportDeadline(Instant.now().plusMillis(remainingMillis).minus(margin));
    }
}
