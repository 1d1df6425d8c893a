package dev.eventloom.http.runtime;

import java.util.Map;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The server's limits, checked before any route (and so before Quarkus's own body limit, which answers without a
 * body): the target's length (414), the headers' size (431), a declared body length (413), and content codings the
 * server does not decode (415). Each refusal is a problem+json answer; an oversized body's connection is closed once
 * the answer is out, since the body is never read. A target that is not a path ({@code *}, an absolute URL) is 400.
 * Vert.x's own limits sit above these, so it only refuses what no route could read (a request line or headers it
 * cannot parse, answered 400/414/431 and closed).
 */
final class RequestLimits implements Handler<RoutingContext> {

    private final int maxUriLength;
    private final long maxHeaderSize;
    private final long maxBodySize;
    private final boolean decompression;

    RequestLimits(EventloomHttpConfig config, boolean decompression) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderSize = config.maxHeaderSize().asLongValue();
        this.maxBodySize = config.maxBodySize().asLongValue();
        this.decompression = decompression;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String path = request.path();
        if (path == null || !path.startsWith("/")) {
            close(context);
            Problems.send(context, 400, "The request target must be a path starting with /");
            return;
        }
        if (request.uri().length() > maxUriLength) {
            close(context);
            Problems.send(context, 414, "The request target is longer than " + maxUriLength
                    + " characters; send the data in a POST body, or raise eventloom.http.max-uri-length");
            return;
        }
        MultiMap headers = request.headers();
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        if (size > maxHeaderSize) {
            close(context);
            Problems.send(context, 431, "The request headers take more than " + maxHeaderSize
                    + " bytes; send fewer or shorter headers, or raise eventloom.http.max-header-size");
            return;
        }
        String declared = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && tooLong(declared)) {
            RequestBody.tooLarge(context, maxBodySize);
            return;
        }
        String coding = headers.get(HttpHeaders.CONTENT_ENCODING);
        if (coding != null && !decompression && !coding.isBlank() && !"identity".equalsIgnoreCase(coding.strip())) {
            Problems.send(context, 415, "The request body is encoded with " + coding.strip()
                    + ", which this server does not decode; send it uncompressed, or set "
                    + "quarkus.http.enable-decompression=true");
            return;
        }
        context.next();
    }

    private boolean tooLong(String declared) {
        try {
            return Long.parseLong(declared.strip()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a Content-Length that is not a number before any route
        }
    }

    /** The rest of the request is never read: close the connection once the answer is out. */
    private static void close(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close());
    }
}
