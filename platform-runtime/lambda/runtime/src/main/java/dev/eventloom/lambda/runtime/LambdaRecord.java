package dev.eventloom.lambda.runtime;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;

/**
 * One record of a batch, converted.
 *
 * @param itemIdentifier what {@code batchItemFailures} names it by (SQS message id, stream sequence number)
 * @param event the CloudEvent, or {@code null} when the record could not be converted
 * @param problem why it could not be converted, or {@code null}
 * @param identifiers what logical sources may be configured by (queue ARN, topic name, ...)
 * @param orderKey records with the same key are delivered one after another, in order; {@code null} for no order
 * @param headers transport headers a function can read (SQS message attributes, Kafka headers)
 * @param raw the record as Lambda delivered it
 */
record LambdaRecord(String itemIdentifier, CloudEvent event, String problem, List<String> identifiers, String orderKey,
        Map<String, List<String>> headers, JsonNode raw) {

    static LambdaRecord invalid(String itemIdentifier, String problem, String orderKey, JsonNode raw) {
        return new LambdaRecord(itemIdentifier, null, problem, List.of(), orderKey, Map.of(), raw);
    }
}
