package dev.eventloom.messaging.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class MessagingRecorder {

    public Supplier<WiredChannels> wiredChannels(List<String> incoming, List<String> outgoing) {
        WiredChannels wired = new WiredChannels(List.copyOf(incoming), List.copyOf(outgoing));
        return () -> wired;
    }
}
