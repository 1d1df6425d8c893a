package dev.eventloom.http.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

/** What functions under test received, for assertions. */
@Singleton
public class Recorded {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    public void add(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return entries;
    }

    public void clear() {
        entries.clear();
    }
}
