package dev.eventloom.lambda.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Logical source names by what AWS events carry ({@code eventloom.lambda.sources}). An identifier matches exactly, or
 * as a prefix followed by {@code /} (a DynamoDB table ARN matches the ARNs of its streams).
 */
final class LogicalSources {

    private final Map<String, String> byIdentifier = new LinkedHashMap<>();

    LogicalSources(List<String> entries) {
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new ConfigurationException("eventloom.lambda.sources entry '" + entry + "' is not "
                        + "logical-name=identifier, for example signups=arn:aws:sqs:eu-west-1:123456789012:signups");
            }
            String name = entry.substring(0, equals).trim();
            String identifier = entry.substring(equals + 1).trim();
            String previous = byIdentifier.put(identifier, name);
            if (previous != null && !previous.equals(name)) {
                throw new ConfigurationException("eventloom.lambda.sources maps " + identifier + " to two logical "
                        + "sources, '" + previous + "' and '" + name + "'; an identifier names one source");
            }
        }
    }

    /** The logical source of the first identifier that is configured, or {@code null}. */
    String resolve(List<String> identifiers) {
        if (byIdentifier.isEmpty()) {
            return null;
        }
        for (String identifier : identifiers) {
            String name = byIdentifier.get(identifier);
            if (name != null) {
                return name;
            }
        }
        for (String identifier : identifiers) {
            for (Map.Entry<String, String> entry : byIdentifier.entrySet()) {
                if (identifier.startsWith(entry.getKey() + "/")) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }
}
