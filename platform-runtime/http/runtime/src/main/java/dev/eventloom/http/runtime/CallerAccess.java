package dev.eventloom.http.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.eventloom.core.runtime.EventFunction;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may call which function over HTTP ({@code eventloom.http.auth}): bearer tokens verified by the application's
 * Quarkus security extension, required for every call or per function, with per-function audiences and functions that
 * only their triggers reach. Decided before the body is read, except a {@code /} request's audiences, which are known
 * once its event is routed (still before any function runs). Off, it costs nothing.
 */
final class CallerAccess {

    /** The caller's identity, resolved once per request (absent when nothing asks for one). */
    private static final String IDENTITY = CallerAccess.class.getName();

    private record Rule(List<String> audiences, boolean triggerOnly) {
    }

    private final boolean required;
    private final List<String> triggerSubjects;
    private final Map<String, Rule> rules = new HashMap<>();
    private final boolean anyAudience;
    private final boolean active;

    /** {@code tokens}: whether the build has an extension that verifies bearer tokens (OIDC or SmallRye JWT). */
    CallerAccess(EventloomHttpConfig.AuthConfig config, Set<String> functions, boolean tokens) {
        this.required = config.required();
        this.triggerSubjects = config.triggerSubjects().orElse(List.of());
        boolean audiences = false;
        for (Map.Entry<String, EventloomHttpConfig.FunctionAuthConfig> entry : config.functions().entrySet()) {
            String name = entry.getKey();
            if (!functions.contains(name)) {
                throw new ConfigurationException("eventloom.http.auth.function.\"" + name + "\" names no function; the "
                        + "functions are " + functions.stream().sorted().toList());
            }
            Rule rule = new Rule(entry.getValue().audience().orElse(List.of()), entry.getValue().triggerOnly());
            if (rule.triggerOnly() && triggerSubjects.isEmpty()) {
                throw new ConfigurationException("Function '" + name + "' is trigger-only, but no caller can be told "
                        + "from the broker: set eventloom.http.auth.trigger-subjects to the subjects of the broker's "
                        + "tokens (Knative Eventing: system:serviceaccount:<namespace>:*)");
            }
            audiences |= !rule.audiences().isEmpty();
            rules.put(name, rule);
        }
        this.anyAudience = audiences;
        this.active = required || !rules.isEmpty();
        if (active && !tokens) {
            throw new ConfigurationException("eventloom.http.auth asks for bearer tokens, but the application has no "
                    + "extension that verifies them: add io.quarkus:quarkus-oidc or io.quarkus:quarkus-smallrye-jwt and "
                    + "configure its issuer and keys (see docs/security.md)");
        }
    }

    /** Whether any caller is checked at all. */
    boolean active() {
        return active;
    }

    /**
     * Runs {@code then} when the caller may call {@code function} directly ({@code null}: the request is an event for
     * {@code /}, whose functions {@link #mayReach} checks once routed); answers 401 or 403 otherwise.
     */
    void admit(RoutingContext context, String function, Runnable then) {
        Rule rule = function == null ? null : rules.get(function);
        boolean needed = required || rule != null || function == null && anyAudience;
        if (!needed) {
            then.run();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(identity -> {
            if (identity != null) {
                context.put(IDENTITY, identity);
            }
            if (anonymous(identity)) {
                if (required || rule != null) {
                    unauthorized(context, function);
                    return;
                }
            } else if (rule != null && !allowed(context, function, rule, identity)) {
                return;
            }
            then.run();
        }, failure -> unauthorized(context, function));
    }

    /**
     * Whether the caller of a {@code /} request may reach every function its event was routed to; answers 401 or 403
     * when not (nothing runs).
     */
    boolean mayReach(RoutingContext context, List<EventFunction> targets) {
        if (!anyAudience) {
            return true;
        }
        for (EventFunction target : targets) {
            Rule rule = rules.get(target.name());
            if (rule == null || rule.audiences().isEmpty()) {
                continue;
            }
            Object identity = context.get(IDENTITY);
            if (!(identity instanceof SecurityIdentity caller) || caller.isAnonymous()) {
                unauthorized(context, target.name());
                return false;
            }
            if (!Tokens.audienceMatches(caller, rule.audiences())) {
                forbidden(context, "The token's audience does not include one that function '" + target.name()
                        + "' accepts");
                return false;
            }
        }
        return true;
    }

    private boolean allowed(RoutingContext context, String function, Rule rule, SecurityIdentity identity) {
        if (rule.triggerOnly() && !subjectMatches(Tokens.subject(identity))) {
            forbidden(context, "Function '" + function + "' is reached only through its triggers: send the event to "
                    + "the broker (or to / as a CloudEvent its triggers select), not to /" + function);
            return false;
        }
        if (!rule.audiences().isEmpty() && !Tokens.audienceMatches(identity, rule.audiences())) {
            forbidden(context, "The token's audience does not include one that function '" + function + "' accepts");
            return false;
        }
        return true;
    }

    private boolean subjectMatches(String subject) {
        if (subject == null) {
            return false;
        }
        for (String accepted : triggerSubjects) {
            if (accepted.endsWith("*") ? subject.startsWith(accepted.substring(0, accepted.length() - 1))
                    : subject.equals(accepted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anonymous(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous();
    }

    static void unauthorized(RoutingContext context, String function) {
        context.response().putHeader("WWW-Authenticate", "Bearer");
        Problems.send(context, 401, function == null ? "A valid bearer token is required"
                : "A valid bearer token is required to call function '" + function + "'");
    }

    private static void forbidden(RoutingContext context, String detail) {
        Problems.send(context, 403, detail);
    }

    /**
     * The claims read from a caller's token (MicroProfile JWT, which both {@code quarkus-oidc} and
     * {@code quarkus-smallrye-jwt} give): a class of its own, loaded only when an application asks for tokens.
     */
    private static final class Tokens {

        static String subject(SecurityIdentity identity) {
            return identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken token
                    ? token.getSubject() : null;
        }

        static boolean audienceMatches(SecurityIdentity identity, List<String> accepted) {
            if (!(identity.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken token)
                    || token.getAudience() == null) {
                return false;
            }
            for (String audience : token.getAudience()) {
                if (accepted.contains(audience)) {
                    return true;
                }
            }
            return false;
        }
    }
}
