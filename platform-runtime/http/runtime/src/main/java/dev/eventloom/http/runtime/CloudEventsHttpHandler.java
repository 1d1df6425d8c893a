package dev.eventloom.http.runtime;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.BasicEvent;
import dev.eventloom.core.runtime.CloudEventValidation;
import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.HeaderValues;
import dev.eventloom.core.runtime.JsonErrors;
import dev.eventloom.core.runtime.LogCodes;
import dev.eventloom.core.runtime.MediaTypes;
import dev.eventloom.core.runtime.EventFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Knative's event delivery contract over HTTP.
 * <ul>
 * <li>{@code POST /}: a CloudEvent in binary, structured or batch mode, routed by the functions' triggers.</li>
 * <li>{@code POST /{function}}: a CloudEvent (binary or structured) or plain data for that function;
 * {@code GET /{function}?a=b} binds the query parameters as Funqy HTTP does.</li>
 * </ul>
 * When one function handled the event, its reply is the response: a CloudEvent in binary mode to a CloudEvent (200; 202
 * without one), its data alone to plain data, as Funqy HTTP answers (200; 204 without any). Replies of fan-out and
 * batches go to the sink and the response is 202. Every error is {@code application/problem+json}.
 */
public final class CloudEventsHttpHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(CloudEventsHttpHandler.class);

    static final String PLAIN_EVENT_TYPE = "dev.eventloom.http.request";
    private static final String STRUCTURED = "application/cloudevents";
    private static final String BATCH = "application/cloudevents-batch+json";
    /** Structured events and batches larger than this are parsed off the event loop. */
    static final int PARSE_ON_LOOP_LIMIT = 64 * 1024;
    /**
     * How deep and how long the parts of a structured event or batch may be: a request that passes them is refused with
     * 400 before it costs more (Jackson's defaults allow 1,000 levels and names of 50,000 characters).
     */
    private static final com.fasterxml.jackson.core.StreamReadConstraints EVENT_CONSTRAINTS =
            com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(200).maxNameLength(4096).maxNumberLength(1000).build();

    /** Only dev mode names the application's functions in a 404: elsewhere that is the application's internals. */
    private static final boolean DEV_MODE = io.quarkus.runtime.LaunchMode.current() == io.quarkus.runtime.LaunchMode.DEVELOPMENT;

    private final EventDispatcher dispatcher;
    private final Deliveries deliveries;
    private final CallerAccess access;
    private volatile boolean stopping;
    private final long maxBodySize;
    private final int batchConcurrency;
    /** The source of events made from plain requests, by function. */
    private final Map<String, URI> sources = new ConcurrentHashMap<>();
    /** Reads structured events: the application's mapper with the CloudEvents SDK's Jackson module. */
    private final ObjectMapper events;

    CloudEventsHttpHandler(EventDispatcher dispatcher, Deliveries deliveries, EventloomHttpConfig config,
            ObjectMapper mapper, CallerAccess access) {
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.access = access;
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.batchConcurrency = config.batchConcurrency();
        if (batchConcurrency < 1) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(
                    "eventloom.http.batch-concurrency must be at least 1, got " + batchConcurrency);
        }
        this.events = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
        this.events.getFactory().setStreamReadConstraints(EVENT_CONSTRAINTS);
    }

    private enum Mode {
        /** A CloudEvent: an empty reply is 202. */
        EVENT,
        /** Plain data, Funqy style: an empty reply is 204. */
        PLAIN
    }

    @Override
    public void handle(RoutingContext context) {
        handle(context, context.pathParam("function"));
    }

    /**
     * The handler of {@code /name} for one function, for a route on that exact path: Vert.x Web matches it with a
     * string comparison, where {@code /:function} costs a regular expression and a map of path parameters per request.
     */
    Handler<RoutingContext> forFunction(String name) {
        return context -> handle(context, name);
    }

    /** From now on, new requests are answered 503 before any function runs: the application is shutting down. */
    void stopAccepting() {
        stopping = true;
    }

    /** A request to {@code /} ({@code name} is null) or to {@code /name}. */
    private void handle(RoutingContext context, String name) {
        if (stopping) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            Problems.send(context, 503, "The application is shutting down; send the request again");
            return;
        }
        if (access.active()) {
            access.admit(context, name, () -> serve(context, name));
        } else {
            serve(context, name);
        }
    }

    /** A request its caller may send. */
    private void serve(RoutingContext context, String name) {
        HttpMethod method = context.request().method();
        if (name == null) {
            if (method != HttpMethod.POST) {
                methodNotAllowed(context, "POST", "POST / takes CloudEvents");
                return;
            }
            RequestBody.read(context, maxBodySize, body -> received(context, null, body));
            return;
        }
        EventFunction function = dispatcher.function(name).orElse(null);
        if (function == null) {
            Problems.send(context, 404, "There is no function named " + Problems.quoted(name)
                    + (DEV_MODE ? "; the functions are " + functionNames() : ""));
            return;
        }
        if (method == HttpMethod.GET) {
            JsonObject query;
            try {
                query = QueryParameters.toJson(context.queryParams());
            } catch (IllegalArgumentException e) {
                Problems.send(context, 400, e.getMessage());
                return;
            }
            CloudEvent event = plainEvent(context, name, "application/json",
                    query.isEmpty() ? null : query.toBuffer().getBytes());
            deliver(context, function, event, Mode.PLAIN);
        } else if (method == HttpMethod.POST) {
            RequestBody.read(context, maxBodySize, body -> received(context, function, body));
        } else {
            methodNotAllowed(context, "GET, POST", "/" + name + " takes GET and POST");
        }
    }

    /**
     * A request body, for {@code target} or, when it is {@code null}, for the functions the triggers select: a batch,
     * one CloudEvent in binary or structured mode, or plain data (for a target only).
     */
    private void received(RoutingContext context, EventFunction target, Buffer body) {
        MultiMap headers = context.request().headers();
        String mediaType = MediaTypes.essence(headers.get(HttpHeaders.CONTENT_TYPE));
        boolean binary = headers.contains("ce-specversion");
        if (!binary && BATCH.equals(mediaType)) {
            parsed(context, body, () -> batch(context, body), events -> deliverBatch(context, events, target));
        } else if (binary || mediaType.startsWith(STRUCTURED)) {
            parsed(context, binary ? null : body, () -> event(context, headers, binary, mediaType, body), event -> {
                if (target != null) {
                    deliver(context, target, event, Mode.EVENT);
                } else {
                    routed(context, event);
                }
            });
        } else if (target == null) {
            notACloudEvent(context, mediaType);
        } else {
            String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
            deliver(context, target, plainEvent(context, target.name(),
                    contentType != null ? contentType : "application/json",
                    body.length() == 0 ? null : body.getBytes()), Mode.PLAIN);
        }
    }

    /**
     * Parses a structured event or batch, then goes on with it on the request's event loop; {@code parse} answers the
     * request itself and gives {@code null} when the body is not valid. A body larger than
     * {@link #PARSE_ON_LOOP_LIMIT} is parsed on a worker thread: a large legal document takes Jackson long enough to
     * hold up every other request of the loop.
     */
    private <T> void parsed(RoutingContext context, Buffer body, Supplier<T> parse, java.util.function.Consumer<T> then) {
        if (body == null || body.length() <= PARSE_ON_LOOP_LIMIT || !io.vertx.core.Context.isOnEventLoopThread()) {
            T value = parse.get();
            if (value != null) {
                then.accept(value);
            }
            return;
        }
        context.vertx().executeBlocking(parse::get, false).onComplete(result -> {
            if (result.failed()) {
                // the worker pool refused the parse: the application is stopping
                LOG.warnf(LogCodes.STOPPING + " A request body of %d bytes was not parsed: %s", body.length(),
                        result.cause().toString());
                Problems.send(context, 503, "The request body could not be parsed now; send it again");
            } else if (result.result() != null) {
                then.accept(result.result());
            }
        });
    }

    private void routed(RoutingContext context, CloudEvent event) {
        List<EventFunction> targets = dispatcher.route(event, null);
        if (!access.mayReach(context, targets)) {
            return;
        }
        if (targets.isEmpty()) {
            Problems.send(context, 404, "No trigger matches event " + event.getId() + " (type '" + event.getType()
                    + "', source '" + event.getSource() + "')"
                    + (DEV_MODE ? "; functions with triggers: " + triggeredFunctionNames() : ""));
        } else if (targets.size() == 1) {
            deliver(context, targets.get(0), event, Mode.EVENT);
        } else {
            fanOut(context, List.of(event), List.of(targets));
        }
    }

    private void deliver(RoutingContext context, EventFunction function, CloudEvent event, Mode mode) {
        dispatcher.deliver(function, event, new HttpTransport(context), null, (reply, failure) -> {
            if (failure == null) {
                respond(context, reply, mode);
            } else {
                Problems.send(context, Problems.failure(function.name(), event.getId(), failure));
            }
        });
    }

    private void respond(RoutingContext context, CloudEvent reply, Mode mode) {
        if (context.response().ended() || context.response().closed()) {
            return;
        }
        if (reply == null) {
            context.response().setStatusCode(mode == Mode.PLAIN ? 204 : 202).end();
            return;
        }
        try {
            if (mode == Mode.PLAIN) {
                writeData(context.response(), reply);
            } else {
                context.response().setStatusCode(200);
                BinaryReply.write(context.response(), reply);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, LogCodes.REPLY_NOT_WRITTEN + " Reply %s cannot be written as an HTTP response",
                    reply.getId());
            context.response().headers().clear();
            Problems.send(context, 500, "The reply " + reply.getId() + " cannot be written as an HTTP response: "
                    + e.getMessage());
        }
    }

    /**
     * The answer to plain data: the reply's data with its content type, as Funqy HTTP answers. Its attributes stay out:
     * they answer the event Eventloom made of the request, which the caller never saw; a caller that wants them sends a
     * CloudEvent.
     */
    private static void writeData(HttpServerResponse response, CloudEvent reply) {
        CloudEventData data = reply.getData();
        if (data == null) {
            response.setStatusCode(204).end();
            return;
        }
        if (reply.getDataContentType() != null) {
            response.headers().add(HttpHeaders.CONTENT_TYPE, reply.getDataContentType());
        }
        response.setStatusCode(200).end(Buffer.buffer(data.toBytes()));
    }

    /**
     * One event to several functions, or a batch, through the core's {@link Deliveries}: every delivery runs (at most
     * {@code batchConcurrency} events at once, each timed from its own start), replies go to the sink, then one answer.
     */
    private void fanOut(RoutingContext context, List<CloudEvent> events, List<List<EventFunction>> targets) {
        List<Deliveries.Event> batch = new ArrayList<>(events.size());
        int total = 0;
        for (int i = 0; i < events.size(); i++) {
            batch.add(new Deliveries.Event(events.get(i), targets.get(i), new HttpTransport(context), null, null,
                    null));
            total += Math.max(1, targets.get(i).size());
        }
        int deliveryCount = total;
        deliveries.deliverAll(batch, batchConcurrency).subscribe().with(outcomes -> {
            List<JsonObject> failures = new ArrayList<>();
            for (Deliveries.Outcome outcome : outcomes) {
                String eventId = events.get(outcome.index()).getId();
                for (Deliveries.Failure failure : outcome.failures()) {
                    failures.add(failure.function() == null
                            ? Problems.problem(404, failure.failure().getMessage()).put("eventId", eventId)
                            : Problems.failure(failure.function().name(), eventId, failure.failure()));
                }
            }
            if (failures.isEmpty()) {
                respond(context, null, Mode.EVENT);
            } else {
                Problems.send(context, Problems.combined(failures, failures.size() + " of " + deliveryCount
                        + " deliveries failed (listed under failures); the others succeeded"));
            }
        }, failure -> Problems.send(context, 500, "Delivery failed: " + failure));
    }

    private void deliverBatch(RoutingContext context, List<CloudEvent> events, EventFunction function) {
        List<List<EventFunction>> targets = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            targets.add(function != null ? List.of(function) : dispatcher.route(event, null));
        }
        if (function == null && !access.mayReach(context, targets.stream().flatMap(List::stream).toList())) {
            return;
        }
        fanOut(context, events, targets);
    }

    private CloudEvent event(RoutingContext context, MultiMap headers, boolean binary, String mediaType, Buffer body) {
        if (!binary && !mediaType.equals(JsonFormat.CONTENT_TYPE)) {
            Problems.send(context, 415, "The event format " + mediaType
                    + " is not supported; send structured events as " + JsonFormat.CONTENT_TYPE + " or use binary mode");
            return null;
        }
        try {
            if (binary) {
                String time = headers.get("ce-time");
                CloudEventValidation.validateTime(time == null ? null : HeaderValues.decode(time));
                return CloudEventValidation.validate(PercentDecodingReader.create(headers, body).toEvent());
            }
            return structured(events.readTree(body.getBytes()));
        } catch (RuntimeException | java.io.IOException e) {
            Problems.send(context, 400, message(e));
            return null;
        }
    }

    private CloudEvent structured(JsonNode node) throws java.io.IOException {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a structured CloudEvent must be a JSON object");
        }
        JsonNode time = node.get("time");
        CloudEventValidation.validateTime(time == null || time.isNull() ? null : time.asText());
        return CloudEventValidation.validate(events.treeToValue(node, CloudEvent.class));
    }

    private static String message(Exception e) {
        if (e instanceof EventloomException) {
            return e.getMessage();
        }
        return "The request is not a valid CloudEvent: " + JsonErrors.describe(e);
    }

    /** All events of a batch, or {@code null} (and a 400 sent) when any is invalid: a batch is taken whole or not. */
    private List<CloudEvent> batch(RoutingContext context, Buffer body) {
        JsonNode array;
        try {
            array = events.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            Problems.send(context, 400, "The batch is not valid JSON: " + JsonErrors.describe(e));
            return null;
        }
        if (array == null || !array.isArray()) {
            Problems.send(context, 400, "A CloudEvents batch must be a JSON array of structured events");
            return null;
        }
        List<CloudEvent> batch = new ArrayList<>(array.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                batch.add(structured(array.get(i)));
            } catch (RuntimeException | java.io.IOException e) {
                problems.add("event #" + i + ": " + message(e));
            }
        }
        if (!problems.isEmpty()) {
            Problems.send(context, 400, "The batch was not processed, " + problems.size() + " of its " + array.size()
                    + " events are invalid: " + String.join("; ", problems));
            return null;
        }
        return batch;
    }

    private CloudEvent plainEvent(RoutingContext context, String function, String contentType, byte[] data) {
        boolean typed = data != null || context.request().getHeader(HttpHeaders.CONTENT_TYPE) != null;
        return BasicEvent.now(sources.computeIfAbsent(function, name -> URI.create("/" + name)), PLAIN_EVENT_TYPE,
                typed ? contentType : null, data);
    }

    private void notACloudEvent(RoutingContext context, String mediaType) {
        String how = "send it in binary mode (ce-specversion, ce-id, ce-source, ce-type headers), structured mode "
                + "(Content-Type: application/cloudevents+json) or batch mode (application/cloudevents-batch+json), "
                + "or POST plain data to /{function}";
        if (mediaType.isEmpty() || mediaType.equals("application/json")) {
            Problems.send(context, 400, "POST / takes CloudEvents, and this request has no ce-specversion header: " + how);
        } else {
            Problems.send(context, 415, "POST / takes CloudEvents, not " + mediaType + ": " + how);
        }
    }

    private static void methodNotAllowed(RoutingContext context, String allow, String detail) {
        context.response().putHeader(HttpHeaders.ALLOW, allow);
        Problems.send(context, 405, detail + ", not " + context.request().method().name());
    }

    private String functionNames() {
        return dispatcher.functions().stream().map(EventFunction::name).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private String triggeredFunctionNames() {
        return dispatcher.functions().stream().filter(f -> !f.triggers().isEmpty()).map(EventFunction::name).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
