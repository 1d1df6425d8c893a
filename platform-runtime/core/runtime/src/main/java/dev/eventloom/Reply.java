package dev.eventloom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the attributes of the reply event a function's return value becomes.
 * <p>
 * Without this annotation a reply has the type {@code <function>.output} and the source
 * {@code urn:eventloom:function:<function>}. Either can be overridden at run time with
 * {@code eventloom.function."<name>".reply-type} and {@code eventloom.function."<name>".reply-source}. A function that
 * returns a {@link CloudEvent} may set these attributes per event instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Reply {

    /** The CloudEvents {@code type} of the reply, for example {@code "com.acme.invoice.issued"}. */
    String type() default "";

    /** The CloudEvents {@code source} of the reply, a URI reference. */
    String source() default "";
}
