package dev.eventloom.http.runtime;

import java.util.List;

import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.LogCodes;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details, the shape of every error this binding answers. */
final class Problems {

    static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The HTTP status a failure maps to. */
    static int status(Throwable failure) {
        return status(EventloomException.kindOf(failure));
    }

    static int status(Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case NOT_FOUND -> 404;
            case UNSUPPORTED_CONTENT_TYPE -> 415;
            case FUNCTION_FAILED -> 500;
            case SINK_FAILED -> 502;
            case TIMEOUT -> 504;
            case BUSY -> 429;
        };
    }

    /**
     * What a client may be told of a failure: the platform's own message, or for what a function threw only that it
     * failed and the error id of the log line {@link LogCodes#FUNCTION_FAILED} that has the cause (an exception's
     * type and message are the application's internals).
     */
    static String detail(String function, String eventId, Throwable failure) {
        if (failure instanceof EventloomException) {
            return failure.getMessage();
        }
        return "Function '" + function + "' failed" + (eventId == null ? "" : " on event " + eventId)
                + "; the log line " + LogCodes.FUNCTION_FAILED + " with error id "
                + EventloomException.errorId(failure) + " has the cause";
    }

    static JsonObject failure(String function, String eventId, Throwable failure) {
        JsonObject problem = problem(status(failure), detail(function, eventId, failure)).put("function", function);
        if (eventId != null) {
            problem.put("eventId", eventId);
        }
        if (!(failure instanceof EventloomException)) {
            problem.put("errorId", EventloomException.errorId(failure));
        }
        return problem;
    }

    static JsonObject problem(int status, String detail) {
        String slug = HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(java.util.Locale.ROOT)
                .replace(' ', '-');
        return new JsonObject()
                .put("type", "urn:eventloom:problem:" + slug)
                .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status)
                .put("detail", detail);
    }

    /** A problem summarising several failures (fan-out, batches): the most severe status, and each failure listed. */
    static JsonObject combined(List<JsonObject> failures, String detail) {
        int status = failures.stream().mapToInt(f -> f.getInteger("status")).reduce(0, Problems::moreSevere);
        return problem(status, detail).put("failures", new JsonArray(List.copyOf(failures)));
    }

    private static int moreSevere(int a, int b) {
        return severity(a) >= severity(b) ? a : b;
    }

    /** A failure of ours outranks one of the sender's: retrying may help a 5xx, never a 4xx. */
    private static int severity(int status) {
        return status == 0 ? -1 : status >= 500 ? 1000 + status : status;
    }

    static void send(RoutingContext context, JsonObject problem) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            return;
        }
        int status = problem.getInteger("status");
        if (status == 429 || status == 503) {
            response.putHeader("Retry-After", "1");
        }
        response.setStatusCode(problem.getInteger("status"))
                .putHeader("Content-Type", CONTENT_TYPE)
                .end(problem.encode());
    }

    /** A path or name from the request, quoted and cut short: a detail repeats the request only as far as it helps. */
    static String quoted(String text) {
        if (text == null) {
            return "''";
        }
        return "'" + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "'";
    }

    static void send(RoutingContext context, int status, String detail) {
        send(context, problem(status, detail));
    }
}
