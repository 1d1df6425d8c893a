package dev.eventloom.http.runtime;

import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body up to a limit. A declared length over the limit is refused before anything is read; a chunked
 * body is refused as soon as it passes the limit, so an oversized body is never held in memory.
 */
final class RequestBody {

    private RequestBody() {
    }

    static void read(RoutingContext context, long limit, Consumer<Buffer> onBody) {
        if (context.body() != null && context.body().available()) {
            // Another route's BodyHandler has read it already.
            Buffer body = context.body().buffer();
            if (body != null && body.length() > limit) {
                tooLarge(context, limit);
            } else {
                onBody.accept(body == null ? Buffer.buffer() : body);
            }
            return;
        }
        HttpServerRequest request = context.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    tooLarge(context, limit);
                    return;
                }
            } catch (NumberFormatException e) {
                Problems.send(context, 400, "Content-Length '" + declared + "' is not a number");
                return;
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge(context, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!refused[0]) {
                refused[0] = true;
                Problems.send(context, 400, "The request body could not be read: " + failure.getMessage());
            }
        });
        request.endHandler(ignored -> {
            if (!refused[0]) {
                onBody.accept(body);
            }
        });
        request.resume();
    }

    private static void tooLarge(RoutingContext context, long limit) {
        // The rest of the body is never read: close the connection once the answer is out.
        context.response().putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close());
        Problems.send(context, 413, "The request body is larger than " + limit
                + " bytes; send less, or raise eventloom.http.max-body-size");
    }
}
