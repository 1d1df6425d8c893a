package dev.eventloom.examples.signups;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The members this instance registered. In memory to keep the example self-contained: on Lambda each execution
 * environment has its own, so a real application would write to DynamoDB here.
 */
@ApplicationScoped
public class Members {

    private final Map<String, Member> byEmail = new ConcurrentSkipListMap<>();

    /** Registers a signup; the same email twice is one member (queues deliver at least once). */
    public Member register(Signup signup) {
        if (signup == null || signup.email() == null || !signup.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("a signup needs a valid email, got "
                    + (signup == null ? "nothing" : signup.email()));
        }
        String email = signup.email().toLowerCase(Locale.ROOT);
        String name = signup.name() == null || signup.name().isBlank() ? email.substring(0, email.indexOf('@'))
                : signup.name().strip();
        return byEmail.computeIfAbsent(email, e -> new Member(e, name));
    }

    public List<Member> all() {
        return List.copyOf(byEmail.values());
    }
}
