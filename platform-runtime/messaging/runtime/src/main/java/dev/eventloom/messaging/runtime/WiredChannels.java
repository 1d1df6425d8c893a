package dev.eventloom.messaging.runtime;

import java.util.List;

/** The channels the build wired: those that feed the functions and those Eventloom may send to. */
public record WiredChannels(List<String> incoming, List<String> outgoing) {
}
