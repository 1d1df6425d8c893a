package dev.eventloom;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which events a {@code @Funq} function receives when an event is routed rather than addressed to the function
 * by name (for example a CloudEvent posted to {@code POST /}, or an event a Knative Trigger delivers).
 * <p>
 * Every setting given on one trigger must hold for an event to match (they are combined like Knative's {@code all}
 * dialect); a trigger with no setting at all is a catch-all. Repeat the annotation to let several independent triggers
 * deliver to the same function: an event matching any of them is delivered once.
 * <p>
 * The filters follow Knative Eventing's trigger filter dialects, so the same declaration can later be turned into a
 * Knative {@code Trigger}:
 *
 * <pre>
 * &#64;Funq
 * &#64;Trigger(type = "com.acme.order.created")                          // exact match on the type attribute
 * &#64;Trigger(prefix = "type=com.acme.audit.", cesql = "priority = 'high'") // prefix and CESQL, both must hold
 * &#64;Trigger(filters = """
 *     [{"any": [{"exact": {"subject": "vip"}}, {"suffix": {"type": ".urgent"}}]}]
 *     """)                                                             // any Knative filter, as JSON
 * public void audit(AuditEntry entry) { ... }
 * </pre>
 *
 * All triggers of a function can be replaced at run time, without a rebuild, with
 * {@code eventloom.function."<name>".trigger.type}, {@code .source}, {@code .cesql} and {@code .filters}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Trigger.List.class)
public @interface Trigger {

    /**
     * The exact value of the CloudEvents {@code type} attribute. Routing on an exact type is a hash lookup, so its cost
     * does not grow with the number of triggers.
     */
    String type() default "";

    /**
     * A logical source name: the event must come from the source the runtime knows by this name. Bindings name the
     * source of what they receive (a queue, a topic, a channel); for events received over HTTP, map CloudEvents
     * {@code source} attribute values to logical names with {@code eventloom.source."<name>".ce-source}.
     */
    String source() default "";

    /**
     * Exact matches, each written {@code attribute=value}, for example {@code "subject=invoices"}. Any CloudEvents
     * context attribute or extension can be named.
     */
    String[] exact() default {};

    /** Prefix matches, each written {@code attribute=prefix}, for example {@code "type=com.acme."}. */
    String[] prefix() default {};

    /** Suffix matches, each written {@code attribute=suffix}, for example {@code "type=.created"}. */
    String[] suffix() default {};

    /**
     * A CloudEvents SQL expression (CESQL 1.0) that must evaluate to {@code true}, for example
     * {@code "type LIKE 'com.acme.%' AND priority = 'high'"}. Checked when the application is built.
     */
    String cesql() default "";

    /**
     * Knative Eventing filters as a JSON array, exactly as they would appear under a Knative Trigger's
     * {@code spec.filters}: objects with one dialect each, {@code exact}, {@code prefix}, {@code suffix}, {@code all},
     * {@code any}, {@code not} or {@code cesql}. Use it for combinations the other attributes cannot express.
     */
    String filters() default "";

    /** Holds repeated {@link Trigger} annotations. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Trigger[] value();
    }
}
