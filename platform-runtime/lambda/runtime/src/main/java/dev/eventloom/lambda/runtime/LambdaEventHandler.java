package dev.eventloom.lambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.LogCodes;
import dev.eventloom.core.runtime.TransportDeadline;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;

/**
 * The one Lambda handler of an Eventloom application. It recognises the payload ({@link EventShape}), turns it into
 * CloudEvents, routes them to the functions whose triggers match and answers as the source expects:
 * <ul>
 * <li>SQS, Kinesis and DynamoDB Streams: {@code {"batchItemFailures":[...]}} naming exactly the records that failed
 * (and, where order matters, every record after a failure in the same message group or shard, which was not
 * delivered);</li>
 * <li>SNS, S3, EventBridge, Kafka: a function error when any record failed, so Lambda retries the invocation;</li>
 * <li>API Gateway, ALB, Function URL: the HTTP binding's response as a proxy response;</li>
 * <li>a structured CloudEvent: the reply as a structured CloudEvent; any other JSON: the function's result.</li>
 * </ul>
 * Failures end the invocation with an error type and message, never a stack trace; the runtime goes on polling.
 * <p>
 * With Vert.x in the application (the HTTP or messaging binding), each invocation runs on a duplicated event-loop
 * context, as an HTTP request does. Without it, functions run on the runtime's own thread (event-loop functions) and
 * Quarkus's worker pool (blocking ones), and Vert.x is never started: see {@link Execution}.
 */
@Startup
@Singleton
public class LambdaEventHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(LambdaEventHandler.class);
    static final String DIRECT_TYPE = "dev.eventloom.lambda.invocation";
    /** Whether the application has the HTTP binding (an optional dependency of this one): set by the build. */
    static volatile boolean httpBinding;

    private final EventDispatcher dispatcher;
    private final Deliveries deliveries;
    private final Execution execution;
    private final ObjectMapper mapper;
    private final ObjectMapper events;
    private final AwsRecords records;
    /** Created at the first HTTP-style event: a Lambda without the HTTP binding never loads it. */
    private volatile VirtualHttp http;
    private final LogicalSources logicalSources;
    private final Set<String> served;
    private final EventFunction directFunction;
    private final EventloomLambdaConfig config;
    private volatile DirectSource lastDirectSource;

    @Inject
    LambdaEventHandler(EventDispatcher dispatcher, Deliveries deliveries, Execution execution, ObjectMapper mapper,
            EventloomLambdaConfig config) {
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.execution = execution;
        this.mapper = mapper;
        this.config = config;
        this.events = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule());
        this.records = new AwsRecords(mapper);
        this.logicalSources = new LogicalSources(config.sources().orElse(List.of()));
        if (config.batchConcurrency() < 1) {
            throw new ConfigurationException("eventloom.lambda.batch-concurrency must be at least 1, got "
                    + config.batchConcurrency());
        }
        Set<String> names = dispatcher.functions().stream().map(EventFunction::name)
                .collect(Collectors.toCollection(TreeSet::new));
        this.served = new TreeSet<>(config.functions().orElse(List.copyOf(names)));
        for (String name : served) {
            if (!names.contains(name)) {
                throw new ConfigurationException("eventloom.lambda.functions names '" + name
                        + "', which is not a function of this application; the functions are " + names);
            }
        }
        String direct = config.directFunction().orElse(served.size() == 1 ? served.iterator().next() : null);
        if (direct != null && !served.contains(direct)) {
            throw new ConfigurationException("eventloom.lambda.direct-function names '" + direct
                    + "', which this Lambda does not serve; it serves " + served);
        }
        this.directFunction = direct == null ? null : dispatcher.function(direct).orElseThrow();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        if (EventShape.plainJson(mapper.getFactory(), payload)) {
            output.write(direct(null, payload, context, deadline(context)));
            return;
        }
        JsonNode event;
        try {
            event = mapper.readTree(payload);
        } catch (IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage();
            throw new LambdaFunctionError("InvalidEvent", "The invocation payload is not JSON: " + detail);
        }
        if (event == null) {
            throw new LambdaFunctionError("InvalidEvent", "The invocation payload is empty");
        }
        TransportDeadline deadline = deadline(context);
        EventShape shape = EventShape.of(event);
        byte[] response = switch (shape) {
            case API_GATEWAY_V1, API_GATEWAY_V2, ALB -> mapper.writeValueAsBytes(
                    http(shape).handle(shape, event, context, deadline));
            case CLOUD_EVENT -> cloudEvent(event, context, deadline);
            case DIRECT -> direct(event, payload, context, deadline);
            default -> batch(shape, event, context, deadline);
        };
        output.write(response);
    }

    /** A payload {@link EventShape#plainJson} has already read whole, as a tree. */
    private JsonNode readTree(byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TransportDeadline deadline(Context context) {
        return context == null ? null : TransportDeadline.of(context.getRemainingTimeInMillis(), config.deadlineMargin());
    }

    private VirtualHttp http(EventShape shape) {
        VirtualHttp served = http;
        if (served == null) {
            if (!httpBinding) {
                throw new LambdaFunctionError("HttpBindingMissing", "This application cannot serve " + shape.description
                        + " events: it has no HTTP binding. Add the dependency dev.eventloom:eventloom-http and rebuild");
            }
            http = served = new VirtualHttp(mapper);
        }
        return served;
    }

    // ---- batches ----------------------------------------------------------------------------------------------

    private record Outcome(int index, LambdaRecord record, Throwable failure) {
    }

    private byte[] batch(EventShape shape, JsonNode event, Context context, TransportDeadline deadline)
            throws IOException {
        List<LambdaRecord> batch = records.records(shape, event);
        List<Outcome> outcomes = await(() -> deliverAll(batch, context, deadline));
        List<Outcome> failures = outcomes.stream().filter(o -> o.failure() != null)
                .sorted(Comparator.comparingInt(Outcome::index)).toList();
        if (shape == EventShape.SQS || shape == EventShape.KINESIS || shape == EventShape.DYNAMODB) {
            ObjectNode response = mapper.createObjectNode();
            ArrayNode items = response.putArray("batchItemFailures");
            for (Outcome failure : failures) {
                items.addObject().put("itemIdentifier", failure.record().itemIdentifier());
            }
            if (!failures.isEmpty()) {
                LOG.warnf(LogCodes.BATCH_FAILURES + " %d of %d %s records failed and are reported for redelivery: %s",
                        failures.size(), batch.size(), shape.description, summary(failures));
            }
            return mapper.writeValueAsBytes(response);
        }
        if (!failures.isEmpty()) {
            // These sources cannot take a partial answer: fail the invocation so Lambda retries it.
            throw new LambdaFunctionError(errorType(failures.get(0).failure()), failures.size() + " of "
                    + batch.size() + " " + shape.description + " records failed: " + summary(failures));
        }
        return "null".getBytes();
    }

    private static String summary(List<Outcome> failures) {
        return failures.stream().limit(10).map(o -> o.record().itemIdentifier() + " (" + o.failure().getMessage() + ")")
                .collect(Collectors.joining("; ")) + (failures.size() > 10 ? "; ..." : "");
    }

    /**
     * Delivers every record: unordered records at most {@code batch-concurrency} at once; records with an order key
     * one after another within their key (keys in parallel), stopping at a key's first failure.
     */
    /**
     * The batch through the core's {@link Deliveries}: each record to every function its triggers select, records of
     * one shard, FIFO group or partition in order.
     */
    private Uni<List<Outcome>> deliverAll(List<LambdaRecord> batch, Context context, TransportDeadline deadline) {
        List<Deliveries.Event> events = new ArrayList<>(batch.size());
        for (LambdaRecord record : batch) {
            events.add(event(record, context, deadline));
        }
        return deliveries.deliverAll(events, config.batchConcurrency()).map(outcomes -> outcomes.stream()
                .map(outcome -> new Outcome(outcome.index(), batch.get(outcome.index()), failure(outcome)))
                .toList());
    }

    private Deliveries.Event event(LambdaRecord record, Context context, TransportDeadline deadline) {
        if (record.event() == null) {
            return Deliveries.Event.undeliverable(new EventloomException(EventloomException.Kind.INVALID_INPUT,
                    record.problem()), record.orderKey());
        }
        CloudEvent event = record.event();
        String logical = logicalSources.resolve(record.identifiers());
        List<EventFunction> targets = served(dispatcher.route(event, logical));
        if (targets.isEmpty()) {
            return Deliveries.Event.undeliverable(new EventloomException(EventloomException.Kind.NOT_FOUND,
                    noTrigger(event, logical, record.identifiers())), record.orderKey());
        }
        return new Deliveries.Event(event, targets, new LambdaTransport(context, record.raw(), record.headers(),
                deadline), logical, null, record.orderKey());
    }

    /** The record's first failure, naming the function when it is the function's own exception. */
    private static Throwable failure(Deliveries.Outcome outcome) {
        if (outcome.succeeded()) {
            return null;
        }
        Deliveries.Failure first = outcome.failures().get(0);
        return first.failure() instanceof EventloomException || first.function() == null ? first.failure()
                : new EventloomException(EventloomException.Kind.FUNCTION_FAILED, "function '"
                        + first.function().name() + "' failed: " + first.failure(), first.failure());
    }

    private List<EventFunction> served(List<EventFunction> functions) {
        if (config.functions().isEmpty()) {
            return functions;
        }
        return functions.stream().filter(f -> served.contains(f.name())).toList();
    }

    private String noTrigger(CloudEvent event, String logical, List<String> identifiers) {
        String source = logical != null ? "logical source '" + logical + "'"
                : "no logical source (none of " + identifiers + " is in eventloom.lambda.sources)";
        return "No trigger of " + served + " matches event " + event.getId() + " (type '" + event.getType()
                + "', source '" + event.getSource() + "', " + source + ")";
    }

    // ---- single events ----------------------------------------------------------------------------------------

    private byte[] cloudEvent(JsonNode node, Context context, TransportDeadline deadline) throws IOException {
        CloudEvent event;
        try {
            event = records.structured(events.writeValueAsBytes(node));
        } catch (RuntimeException | IOException e) {
            throw new LambdaFunctionError("InvalidEvent", "The invocation is not a valid CloudEvent: "
                    + e.getMessage());
        }
        if (event == null) {
            throw new LambdaFunctionError("InvalidEvent", "The invocation has 'specversion' but is not a structured "
                    + "CloudEvent: it needs at least specversion, id, source and type");
        }
        List<EventFunction> targets = served(dispatcher.route(event, null));
        if (targets.isEmpty()) {
            throw new LambdaFunctionError("NotFound", noTrigger(event, dispatcher.logicalSource(event), List.of()));
        }
        LambdaTransport transport = new LambdaTransport(context, node, Map.of(), deadline);
        if (targets.size() == 1) {
            CloudEvent reply = deliverAndAwait(targets.get(0), event, transport);
            return reply == null ? "null".getBytes() : events.writeValueAsBytes(reply);
        }
        Deliveries.Event fanOut = new Deliveries.Event(event, targets, transport, null, null, null);
        Throwable failure = failure(await(() -> deliveries.deliverAll(List.of(fanOut), 1)).get(0));
        if (failure != null) {
            throw failure(failure);
        }
        return "null".getBytes();
    }

    /** @param node the payload read as a tree, or {@code null} to read it only if the function asks for it */
    private byte[] direct(JsonNode node, byte[] payload, Context context, TransportDeadline deadline)
            throws IOException {
        if (directFunction == null) {
            throw new LambdaFunctionError("NotFound", "This invocation is plain JSON, not an AWS event or a "
                    + "CloudEvent, and this Lambda serves " + served.size() + " functions " + served
                    + ": set eventloom.lambda.direct-function (EVENTLOOM_LAMBDA_DIRECT_FUNCTION) to the one it is for");
        }
        CloudEvent event = CloudEventBuilder.v1()
                .withId(context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                        : dev.eventloom.core.runtime.EventIds.next())
                .withSource(directSource(context))
                .withType(DIRECT_TYPE)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withData("application/json", payload)
                .build();
        LambdaTransport transport = node != null ? new LambdaTransport(context, node, Map.of(), deadline)
                : new LambdaTransport(context, () -> readTree(payload), Map.of(), deadline);
        CloudEvent reply = deliverAndAwait(directFunction, event, transport);
        if (reply == null || reply.getData() == null) {
            return "null".getBytes();
        }
        byte[] data = reply.getData().toBytes();
        String type = reply.getDataContentType();
        if (type != null && type.contains("json")) {
            return data;
        }
        return mapper.writeValueAsBytes(new String(data, java.nio.charset.StandardCharsets.UTF_8));
    }

    private record DirectSource(String text, URI uri) {
    }

    /** The invoked function's ARN as the source of a direct invocation; parsed once while it stays the same. */
    private URI directSource(Context context) {
        String arn = context != null && context.getInvokedFunctionArn() != null ? context.getInvokedFunctionArn()
                : "/lambda";
        DirectSource source = lastDirectSource;
        if (source == null || !source.text().equals(arn)) {
            lastDirectSource = source = new DirectSource(arn, URI.create(arn));
        }
        return source.uri();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /**
     * Delivers one event to one function and waits for the reply, through the dispatcher's callback form: a function
     * that can take the fast lane takes it, as over HTTP.
     */
    private CloudEvent deliverAndAwait(EventFunction function, CloudEvent event, LambdaTransport transport) {
        return await((CompletableFuture<CloudEvent> result) -> dispatcher.deliver(function, event, transport, null,
                (reply, failure) -> {
                    if (failure == null) {
                        result.complete(reply);
                    } else {
                        result.completeExceptionally(failure);
                    }
                }));
    }

    /** {@link #await(Consumer)} for work that is a {@code Uni}. */
    private <T> T await(Supplier<Uni<T>> work) {
        return await((CompletableFuture<T> result) -> work.get().subscribe().with(result::complete,
                result::completeExceptionally));
    }

    /**
     * Runs the work on a new duplicated event-loop context, as the HTTP binding's requests run (with Vert.x), or on
     * this thread outside its request context (without), and waits for the result it completes.
     */
    private <T> T await(Consumer<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execution.isolated(() -> {
            try {
                work.accept(result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaFunctionError("Interrupted", "The invocation was interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static LambdaFunctionError failure(Throwable failure) {
        if (failure instanceof LambdaFunctionError error) {
            return error;
        }
        String message = failure instanceof EventloomException ? failure.getMessage()
                : failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return new LambdaFunctionError(errorType(failure), message);
    }

    private static String errorType(Throwable failure) {
        return switch (EventloomException.kindOf(failure)) {
            case INVALID_INPUT -> "InvalidInput";
            case UNSUPPORTED_CONTENT_TYPE -> "UnsupportedContentType";
            case NOT_FOUND -> "NotFound";
            case TIMEOUT -> "Timeout";
            case FUNCTION_FAILED -> "FunctionFailed";
            case SINK_FAILED -> "SinkFailed";
            case BUSY -> "Busy";
        };
    }
}
