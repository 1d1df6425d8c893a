package ${package};

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;

/** Your functions: every public method annotated with {@code @Funq} is one. Add as many as you like. */
public class GreetingFunctions {

    /**
     * Runs for every {@code greeting.requested} CloudEvent and replies with a {@code greeting.sent} event. Called
     * directly, {@code POST /greet {"name":"Ada"}}, it answers {@code {"message":"Hello Ada"}}.
     */
    @Funq
    @Trigger(type = "greeting.requested")
    @Reply(type = "greeting.sent")
    public Greeting greet(Person person) {
        String name = person == null || person.name() == null ? "world" : person.name();
        return new Greeting("Hello " + name);
    }
}
