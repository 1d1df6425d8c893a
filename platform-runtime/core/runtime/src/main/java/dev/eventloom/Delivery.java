package dev.eventloom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Delivery settings of one function.
 * <p>
 * Each setting can be overridden at run time in {@code application.properties}, for example
 * {@code eventloom.function."bill-order".timeout=15s}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Delivery {

    /**
     * The longest one invocation may take before it is abandoned and reported as timed out (HTTP answers 504). Written
     * as an ISO-8601 duration ({@code PT10S}) or in Quarkus's short form ({@code 10s}, {@code 500ms}). Empty means the
     * application default, {@code eventloom.default-timeout}.
     */
    String timeout() default "";
}
