package dev.eventloom.test;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;

/**
 * What happened to one event sent with {@link EventloomClient#send}: the functions its triggers selected, each with
 * its reply or failure, and the chain the local broker ran from their replies (in the order the deliveries ended).
 */
public record Outcome(List<Delivery> deliveries, List<Delivery> chain) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery: the function, the event it got, its reply ({@code null} for none) or its failure. */
    public record Delivery(String function, CloudEvent event, CloudEvent reply, Throwable failure) {

        public boolean succeeded() {
            return failure == null;
        }

        /** The reply's data read as JSON into {@code type}. */
        public <T> T replyData(Class<T> type) {
            if (reply == null || reply.getData() == null) {
                throw new AssertionError("Function '" + function + "' gave no reply data");
            }
            try {
                return JSON.readValue(reply.getData().toBytes(), type);
            } catch (java.io.IOException e) {
                throw new AssertionError("The reply of function '" + function + "' is not JSON of " + type.getName()
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** The names of the functions the event itself was delivered to, in routing order. */
    public List<String> functions() {
        return deliveries.stream().map(Delivery::function).toList();
    }

    /** The names of the functions the local broker delivered replies to, in the order they ended. */
    public List<String> chainFunctions() {
        return chain.stream().map(Delivery::function).toList();
    }

    /** The delivery to {@code function}; fails when the event did not reach it. */
    public Delivery of(String function) {
        return deliveries.stream().filter(d -> d.function().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("The event did not reach function '" + function + "'; it reached "
                        + functions()));
    }

    /** The reply of the one function the event reached; fails when it reached none or several, or that one failed. */
    public CloudEvent reply() {
        return single().reply();
    }

    /** {@link #reply()}'s data read as JSON into {@code type}. */
    public <T> T replyData(Class<T> type) {
        return single().replyData(type);
    }

    private Delivery single() {
        if (deliveries.size() != 1) {
            throw new AssertionError("The event reached " + functions() + ", not exactly one function");
        }
        Delivery only = deliveries.get(0);
        if (only.failure() != null) {
            throw new AssertionError("Function '" + only.function() + "' failed: " + only.failure(), only.failure());
        }
        return only;
    }
}
