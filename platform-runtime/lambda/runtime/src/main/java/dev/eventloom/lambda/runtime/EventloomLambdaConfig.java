package dev.eventloom.lambda.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the AWS Lambda binding; each is also an environment variable ({@code EVENTLOOM_LAMBDA_SOURCES}, ...). */
@ConfigMapping(prefix = "eventloom.lambda")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface EventloomLambdaConfig {

    /**
     * Logical sources by what the events carry, {@code logical=identifier}, comma-separated: the ARN of an SQS queue,
     * SNS topic, Kinesis stream, DynamoDB table or stream, S3 bucket or MSK cluster; a Kafka topic; an EventBridge rule
     * ARN or EventBridge {@code source}. Example:
     * {@code signups=arn:aws:sqs:eu-west-1:123456789012:signups,nightly=arn:aws:events:eu-west-1:123456789012:rule/nightly}.
     */
    Optional<List<String>> sources();

    /**
     * The functions this Lambda serves, when it serves only some of the application's (one Lambda per function):
     * events are routed to these only. Default: all.
     */
    Optional<List<String>> functions();

    /**
     * The function a direct invocation with plain JSON (not a CloudEvent, not an AWS event) goes to. Default: the
     * served function, when there is exactly one.
     */
    Optional<String> directFunction();

    /** Taken off the invocation's remaining time: functions must finish this long before Lambda would stop them. */
    @WithDefault("500ms")
    Duration deadlineMargin();

    /** How many records of an unordered batch (standard SQS, SNS, S3) are delivered at once. */
    @WithDefault("16")
    int batchConcurrency();
}
