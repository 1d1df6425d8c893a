package dev.eventloom.lambda.runtime;

import io.quarkus.runtime.annotations.Recorder;

/** What the build knows about the application that the Lambda binding needs at run time. */
@Recorder
public class LambdaRecorder {

    /** Whether the application has the HTTP binding (its capability), for API Gateway, ALB and function URL events. */
    public void httpBinding(boolean present) {
        LambdaEventHandler.httpBinding = present;
    }
}
