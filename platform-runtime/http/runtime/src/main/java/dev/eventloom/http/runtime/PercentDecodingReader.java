package dev.eventloom.http.runtime;

import dev.eventloom.core.runtime.HeaderValues;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.core.message.impl.GenericStructuredMessageReader;
import io.cloudevents.core.message.impl.MessageUtils;
import io.cloudevents.http.vertx.impl.BinaryVertxMessageReaderImpl;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * The CloudEvents SDK's Vert.x reader, with header values percent-decoded as the HTTP binding (1.0.2, section
 * 3.1.3.2) says: the SDK takes them as they are. The decoding happens as the SDK reads each header, so a request
 * without a {@code %} costs nothing more.
 */
final class PercentDecodingReader extends BinaryVertxMessageReaderImpl {

    private PercentDecodingReader(SpecVersion version, MultiMap headers, Buffer body) {
        super(version, headers, body);
    }

    /** As {@code VertxMessageFactory.createReader(headers, body)}: structured or binary mode, by the headers. */
    static MessageReader create(MultiMap headers, Buffer body) {
        return MessageUtils.parseStructuredOrBinaryMessage(
                () -> headers.get(HttpHeaders.CONTENT_TYPE),
                (EventFormat format) -> new GenericStructuredMessageReader(format, body.getBytes()),
                () -> headers.get("ce-specversion"),
                version -> new PercentDecodingReader(version, headers, body));
    }

    @Override
    protected String toCloudEventsValue(String value) {
        return HeaderValues.decode(value);
    }
}
