package dev.eventloom.examples.greeting;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** The names of everyone who signed, in order. A real application would keep them in a database. */
@ApplicationScoped
public class Guestbook {

    private final List<String> names = new ArrayList<>();

    public synchronized void sign(String name) {
        names.add(name);
    }

    public synchronized List<String> names() {
        return List.copyOf(names);
    }
}
