package dev.eventloom.core.runtime.tracing;

import dev.eventloom.core.runtime.DeliveryTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;

/** Turns delivery tracing on: recorded only when the application has {@code quarkus-opentelemetry}. */
@Recorder
public class TracingRecorder {

    public void enable() {
        DeliveryTracing.enable(new OpenTelemetryTracing(Arc.container().instance(OpenTelemetry.class).get()));
    }
}
