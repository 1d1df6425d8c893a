package dev.eventloom.http.runtime;

import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body up to a limit: a chunked body is refused as soon as it passes the limit, so an oversized body is
 * never held in memory (a declared length over it is refused before any route, by {@link RequestLimits}).
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
        // A declared length over the limit never gets here: RequestLimits refuses it before any route
        HttpServerRequest request = context.request();
        Reader reader = new Reader(context, limit, onBody);
        request.handler(reader);
        request.exceptionHandler(reader::failed);
        request.endHandler(reader::ended);
        request.resume();
    }

    /** Collects the chunks of one body; a body of one chunk (most are) is that chunk, not a copy of it. */
    private static final class Reader implements Handler<Buffer> {

        private final RoutingContext context;
        private final long limit;
        private final Consumer<Buffer> onBody;
        private Buffer body;
        private boolean copied;
        private boolean refused;

        Reader(RoutingContext context, long limit, Consumer<Buffer> onBody) {
            this.context = context;
            this.limit = limit;
            this.onBody = onBody;
        }

        @Override
        public void handle(Buffer chunk) {
            if (refused) {
                return;
            }
            long length = body == null ? 0 : body.length();
            if (length + chunk.length() > limit) {
                refused = true;
                tooLarge(context, limit);
            } else if (body == null) {
                body = chunk;
            } else {
                if (!copied) {
                    // The first chunk is Vert.x's buffer, perhaps a fixed-size slice: collect into one of our own
                    body = Buffer.buffer().appendBuffer(body);
                    copied = true;
                }
                body.appendBuffer(chunk);
            }
        }

        void failed(Throwable failure) {
            if (!refused) {
                refused = true;
                Problems.send(context, 400, "The request body could not be read: " + failure.getMessage());
            }
        }

        void ended(Void ignored) {
            if (!refused) {
                onBody.accept(body == null ? Buffer.buffer() : body);
            }
        }
    }

    static void tooLarge(RoutingContext context, long limit) {
        // The rest of the body is never read: close the connection once the answer is out.
        context.response().putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(ignored -> context.request().connection().close());
        Problems.send(context, 413, "The request body is larger than " + limit
                + " bytes; send less, or raise eventloom.http.max-body-size");
    }
}
