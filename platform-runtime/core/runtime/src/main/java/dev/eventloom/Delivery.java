package dev.eventloom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How events are delivered to one function: the same contract on every binding (HTTP, AWS Lambda, messaging).
 *
 * <pre>
 * &#64;Funq
 * &#64;Trigger(type = "order.created")
 * &#64;Delivery(retries = 3, backoff = Delivery.Backoff.EXPONENTIAL, backoffDelay = "200ms",
 *         deadLetter = "channel:orders-dead-letters", maxConcurrency = 8, idempotent = true)
 * public Invoice bill(Order order) { ... }
 * </pre>
 *
 * A failed invocation is retried {@code retries} times, waiting {@code backoffDelay × n} (linear) or
 * {@code backoffDelay × 2^(n-1)} (exponential) before retry {@code n}, never more than {@code maxBackoffDelay}; input
 * that cannot be decoded is never retried. When every attempt failed, the event goes to {@code deadLetter} with its
 * attributes and data intact plus the extensions {@code eventloomfunction}, {@code eventloomattempts},
 * {@code eventloomerrortype}, {@code eventloomerror} and {@code eventloomfailedtime}; the delivery then counts as
 * handled. Without a dead letter, the failure goes back to the transport (HTTP 5xx, a Lambda batch item failure, a
 * nack), which redelivers.
 * <p>
 * Each setting can be overridden at run time, for example {@code eventloom.function."bill-order".retries=5}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Delivery {

    /** How the wait between attempts grows. */
    enum Backoff {
        /** {@code backoffDelay × n} before retry {@code n}. */
        LINEAR,
        /** {@code backoffDelay × 2^(n-1)} before retry {@code n}. */
        EXPONENTIAL
    }

    /**
     * The longest one attempt may take before it is abandoned and reported as timed out (HTTP answers 504). Written
     * as an ISO-8601 duration ({@code PT10S}) or in Quarkus's short form ({@code 10s}, {@code 500ms}). Empty means the
     * application default, {@code eventloom.default-timeout}.
     */
    String timeout() default "";

    /** How many times a failed invocation is retried; {@code -1} means the application default (0). */
    int retries() default -1;

    /** How the wait between retries grows. */
    Backoff backoff() default Backoff.EXPONENTIAL;

    /** The first wait between attempts, as a duration; empty means 100 ms. */
    String backoffDelay() default "";

    /** The longest wait between attempts, as a duration; empty means 30 s. */
    String maxBackoffDelay() default "";

    /**
     * Where events go when every attempt failed. The runtime sends them to an {@code http://} or {@code https://} URL
     * (POSTed as a binary-mode CloudEvent) or to {@code channel:<name>}, an outgoing messaging channel. An AWS ARN
     * ({@code arn:aws:sqs:...}) or a plain name ({@code billing-dlq}, bound by deployment) is the infrastructure's: the
     * runtime reports the failure to the transport and the source's redrive policy or on-failure destination takes
     * the event. Empty: no dead letter.
     */
    String deadLetter() default "";

    /**
     * How many invocations of this function may run at once; {@code 0} means no limit. Over it, HTTP answers 429 with
     * {@code Retry-After}, a Lambda batch reports the record, and messaging stops taking messages.
     */
    int maxConcurrency() default 0;

    /**
     * Skip an event whose {@code source} and {@code id} this function already processed successfully within
     * {@link #idempotencyTtl()}: it is acknowledged without running the function again.
     */
    boolean idempotent() default false;

    /** How long a processed event is remembered for {@link #idempotent()}; empty means 1 hour. */
    String idempotencyTtl() default "";

    /**
     * Deliver events with the same partition key (the CloudEvents {@code partitionkey} extension, else the
     * {@code subject}) one after another, in arrival order. Events without a key are not ordered.
     */
    boolean ordered() default false;
}
