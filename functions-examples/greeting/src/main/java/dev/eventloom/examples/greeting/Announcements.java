package dev.eventloom.examples.greeting;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** The last 100 greetings announced, in order. */
@ApplicationScoped
public class Announcements {

    private static final int KEPT = 100;

    private final List<String> messages = new ArrayList<>();

    public synchronized void add(String message) {
        messages.add(message);
        if (messages.size() > KEPT) {
            messages.remove(0);
        }
    }

    public synchronized List<String> all() {
        return List.copyOf(messages);
    }
}
