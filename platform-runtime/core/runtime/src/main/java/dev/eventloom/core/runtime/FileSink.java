package dev.eventloom.core.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code file:<path>}: appends each event to the file as one line of structured CloudEvents JSON, creating the file
 * and its folder. For running without infrastructure (dead letters of a local run that nothing may lose); the write is
 * done off the event loop, one event at a time.
 */
final class FileSink implements EventSinks.Sink {

    static final String SCHEME = "file:";
    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @Override
    public Uni<Void> send(String destination, CloudEvent event) {
        Path file = Path.of(destination.substring(SCHEME.length()));
        return Uni.createFrom().<Void> item(() -> {
            append(file, event);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static synchronized void append(Path file, CloudEvent event) {
        byte[] json = JSON.serialize(event);
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.write(file, (new String(json, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EventloomException(EventloomException.Kind.SINK_FAILED, "Cannot append event " + event.getId()
                    + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
