package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.invoke.MethodInvoker;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * The invoker's own overhead per call: a direct call of the method against the same call through a generated-style
 * invoker and {@link MethodInvoker} (binding the JSON input, adapting the result to a {@code Uni}), and the reply
 * event built from the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InvokerBenchmark {

    public record Person(String name) {
    }

    public record Greeting(String message) {
    }

    public static class Greetings {
        public Greeting hello(Person person) {
            return new Greeting("Hello " + person.name());
        }
    }

    /** What the build generates for {@code hello}: a cast and a direct call. */
    static final class HelloInvoker implements FunctionInvoker {
        @Override
        public Object invoke(Object bean, Object input, dev.eventloom.EventContext context) {
            return ((Greetings) bean).hello((Person) input);
        }
    }

    Greetings bean;
    Person person;
    MethodInvoker invoker;
    InvocationContext context;
    Replies replies;
    EventFunction function;
    CloudEvent event;
    InputBinder binder;

    @Setup
    public void setUp() {
        ObjectMapper mapper = new ObjectMapper();
        FunctionMetadata metadata = new FunctionMetadata();
        metadata.setName("hello");
        metadata.setDeclaringClass(Greetings.class.getName());
        metadata.setMethodName("hello");
        metadata.setInputKind(InputKind.JSON);
        metadata.setInputType(Person.class.getName());
        metadata.setOutputShape(OutputShape.VALUE);
        metadata.setReplySource("urn:eventloom:function:hello");
        metadata.setReplyType("hello.output");
        bean = new Greetings();
        person = new Person("Ada");
        binder = new InputBinder(metadata, mapper, InvokerBenchmark.class.getClassLoader());
        invoker = new MethodInvoker(new HelloInvoker(), bean, binder::bind, OutputShape.VALUE);
        function = new EventFunction(metadata, DispatchMode.EVENT_LOOP, Duration.ofSeconds(30), "hello.output",
                URI.create("urn:eventloom:function:hello"), List.of(), DeliveryPolicy.DEFAULT);
        event = CloudEventBuilder.v1().withId("1").withSource(URI.create("/bench")).withType("t")
                .withData("application/json", "{\"name\":\"Ada\"}".getBytes()).build();
        context = new InvocationContext(function, event, Transport.of("bench", Map.of()), null,
                Instant.now().plus(Duration.ofDays(1)));
        replies = new Replies(mapper);
    }

    @Benchmark
    public Greeting directCall() {
        return bean.hello(person);
    }

    @Benchmark
    public Object bindInput() {
        return binder.bind(event);
    }

    @Benchmark
    public void methodInvoker(Blackhole blackhole) {
        invoker.invoke(context).subscribe().with(blackhole::consume);
    }

    @Benchmark
    public CloudEvent invokeAndBuildReply() {
        Object[] result = new Object[1];
        invoker.invoke(context).subscribe().with(item -> result[0] = item);
        return replies.reply(function, event, result[0]);
    }
}
