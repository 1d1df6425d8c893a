package dev.eventloom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a function needs from the platform it is deployed to. Written into the build manifest for deployment tooling
 * (the Terraform modules size a Lambda from them); the runtime itself does not read them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Resources {

    /** Memory in MiB (a Lambda function's memory size); {@code 0} means the deployment's default. */
    int memory() default 0;

    /**
     * How long the platform must let one invocation run (a Lambda function's timeout), as a duration like
     * {@code 60s}; empty means the deployment's default. Keep it above the function's {@code @Delivery(timeout)}.
     */
    String timeout() default "";
}
