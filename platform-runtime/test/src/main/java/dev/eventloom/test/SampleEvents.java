package dev.eventloom.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.eventloom.samples.AwsEvents;

/**
 * Prints what an AWS source sends a Lambda, with your data in it, and can send it to a running application's mock
 * Lambda Runtime API (dev mode: {@code http://localhost:8081/_lambda_}):
 *
 * <pre>
 * SampleEvents SOURCE [--body TEXT|@FILE]... [--arn ARN] [--type DETAIL-TYPE] [--path PATH] [--method METHOD]
 *              [--send URL]
 * </pre>
 *
 * SOURCE is one of {@code sqs sns s3 eventbridge schedule kinesis dynamodb http-api rest-api alb function-url kafka};
 * each {@code --body} is one record (the S3 object key, the SNS message, the DynamoDB new image as DynamoDB JSON, ...).
 * The event is logged (INFO, category {@code dev.eventloom.test.SampleEvents}); with {@code --send} the answer of the
 * application is.
 */
public final class SampleEvents {

    private static final Logger LOG = Logger.getLogger(SampleEvents.class);
    static final String USAGE = "usage: SampleEvents SOURCE [--body TEXT|@FILE]... [--arn ARN] [--type DETAIL-TYPE] "
            + "[--path PATH] [--method METHOD] [--send URL]; SOURCE: " + String.join(" ", AwsEvents.SOURCES);

    private SampleEvents() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String event;
        String send;
        try {
            Map<String, List<String>> options = options(args);
            event = event(args[0], options);
            send = first(options, "send", null);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            LOG.error(USAGE);
            System.exit(2);
            return;
        }
        if (send == null) {
            LOG.info(event);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(send)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            LOG.info(answer.body());
            if (answer.statusCode() / 100 != 2) {
                LOG.errorf("%s answered HTTP %d", send, answer.statusCode());
                System.exit(1);
            }
        }
    }

    /** The event of that source with the options' data in it. */
    static String event(String source, Map<String, List<String>> options) {
        return AwsEvents.sample(source, first(options, "arn", null), first(options, "type", null),
                first(options, "method", null), first(options, "path", null),
                options.getOrDefault("body", List.of()).stream().map(SampleEvents::text).toList());
    }

    static Map<String, List<String>> options(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Name a source");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Expected --option VALUE at '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), name -> new ArrayList<>()).add(args[++i]);
        }
        for (String name : options.keySet()) {
            if (!List.of("body", "arn", "type", "path", "method", "send").contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
        }
        return options;
    }

    private static String first(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }

    private static String text(String value) {
        if (!value.startsWith("@")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + value.substring(1) + ": " + e.getMessage());
        }
    }
}
