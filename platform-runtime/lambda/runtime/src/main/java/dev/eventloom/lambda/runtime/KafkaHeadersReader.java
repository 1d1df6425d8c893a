package dev.eventloom.lambda.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.core.message.impl.BaseGenericBinaryMessageReaderImpl;

/**
 * The CloudEvents Kafka binding's binary mode (attributes in {@code ce_} headers, data in the value, its type in
 * {@code content-type}) read by the SDK, from the headers as AWS delivers Kafka records to Lambda: the SDK's own Kafka
 * reader needs kafka-clients' header classes, which a Lambda should not load.
 */
final class KafkaHeadersReader extends BaseGenericBinaryMessageReaderImpl<String, String> {

    private static final String PREFIX = "ce_";

    private final Map<String, List<String>> headers;

    private KafkaHeadersReader(SpecVersion version, Map<String, List<String>> headers, byte[] value) {
        super(version, value == null ? null : BytesCloudEventData.wrap(value));
        this.headers = headers;
    }

    /** The event of a binary-mode record ({@code ce_specversion} set); the SDK refuses unknown versions. */
    static CloudEvent read(Map<String, List<String>> headers, byte[] value) {
        return new KafkaHeadersReader(SpecVersion.parse(headers.get(PREFIX + "specversion").get(0)), headers, value)
                .toEvent();
    }

    @Override
    protected boolean isContentTypeHeader(String key) {
        return key.equalsIgnoreCase("content-type");
    }

    @Override
    protected boolean isCloudEventsHeader(String key) {
        return key.length() > PREFIX.length() && key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected String toCloudEventsKey(String key) {
        return key.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected void forEachHeader(BiConsumer<String, String> fn) {
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                fn.accept(name, values.get(0));
            }
        });
    }

    @Override
    protected String toCloudEventsValue(String value) {
        return value;
    }
}
