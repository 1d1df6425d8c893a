package dev.eventloom.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventloom.core.runtime.TransportDeadline;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.quarkus.netty.runtime.virtual.VirtualClientConnection;
import io.quarkus.netty.runtime.virtual.VirtualResponseHandler;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;

/**
 * API Gateway (REST and HTTP APIs), ALB and Function URL events, served by the HTTP binding itself: each event becomes
 * an HTTP request on Quarkus's in-process virtual connection, so paths, CloudEvents headers, errors and status codes
 * are exactly those of the HTTP binding. The response is the proxy response the source expects.
 */
final class VirtualHttp {

    private final ObjectMapper mapper;

    VirtualHttp(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode handle(EventShape shape, JsonNode event, Context lambda, TransportDeadline deadline) {
        boolean v2 = shape == EventShape.API_GATEWAY_V2;
        String method = v2 ? Json.text(event.path("requestContext").path("http"), "method")
                : Json.text(event, "httpMethod");
        if (method == null) {
            throw new LambdaFunctionError("InvalidEvent", "The " + shape.description + " event has no HTTP method");
        }
        QuarkusHttpHeaders headers = new QuarkusHttpHeaders();
        if (lambda != null) {
            headers.setContextObject(Context.class, lambda);
        }
        headers.setContextObject(JsonNode.class, event);
        if (deadline != null) {
            headers.setContextObject(TransportDeadline.class, deadline);
        }
        boolean multiValue = !v2 && event.path("multiValueHeaders").isObject()
                && !event.path("multiValueHeaders").isEmpty();
        if (multiValue) {
            event.path("multiValueHeaders").properties().forEach(header -> header.getValue()
                    .forEach(value -> headers.add(header.getKey(), value.asText())));
        } else {
            event.path("headers").properties().forEach(header -> {
                if (!header.getValue().isNull()) {
                    headers.add(header.getKey(), header.getValue().asText());
                }
            });
        }
        if (v2 && event.path("cookies").isArray() && !event.path("cookies").isEmpty()) {
            List<String> cookies = new ArrayList<>();
            event.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
            headers.set(HttpHeaderNames.COOKIE, String.join("; ", cookies));
        }
        if (!headers.contains(HttpHeaderNames.HOST)) {
            headers.set(HttpHeaderNames.HOST, "localhost");
        }
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                v2 ? v2Uri(event) : v1Uri(shape, event), headers);
        String body = Json.text(event, "body");
        HttpContent content = LastHttpContent.EMPTY_LAST_CONTENT;
        if (body != null && !body.isEmpty()) {
            byte[] bytes;
            try {
                bytes = event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                        : body.getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new LambdaFunctionError("InvalidEvent", "The " + shape.description + " event says its body is "
                        + "base64 (isBase64Encoded) but it is not: " + e.getMessage());
            }
            content = new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes));
            if (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                    && !headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length));
            }
        }
        Collector collector = new Collector();
        VirtualClientConnection<?> connection = VirtualClientConnection.connect(collector,
                VertxHttpRecorder.VIRTUAL_HTTP);
        try {
            connection.sendMessage(request);
            connection.sendMessage(content);
            return response(shape, multiValue, collector.response.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LambdaFunctionError("Interrupted", "The invocation was interrupted");
        } catch (ExecutionException e) {
            throw new LambdaFunctionError("HttpFailed", "The HTTP binding did not answer: " + e.getCause());
        } finally {
            connection.close();
        }
    }

    /** REST API {@code path} excludes the stage; ALB passes query values as sent, API Gateway decodes them. */
    private static String v1Uri(EventShape shape, JsonNode event) {
        String path = Json.text(event, "path");
        StringBuilder uri = new StringBuilder(path == null || path.isEmpty() ? "/" : path);
        JsonNode multi = event.path("multiValueQueryStringParameters");
        JsonNode query = multi.isObject() && !multi.isEmpty() ? multi : event.path("queryStringParameters");
        char separator = '?';
        for (Map.Entry<String, JsonNode> parameter : query.properties()) {
            List<JsonNode> values = new ArrayList<>();
            if (parameter.getValue().isArray()) {
                parameter.getValue().forEach(values::add);
            } else if (!parameter.getValue().isNull()) {
                values.add(parameter.getValue());
            }
            for (JsonNode value : values) {
                uri.append(separator).append(encode(shape, parameter.getKey())).append('=')
                        .append(encode(shape, value.asText()));
                separator = '&';
            }
        }
        return uri.toString();
    }

    private static String encode(EventShape shape, String text) {
        return shape == EventShape.ALB ? text : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** HTTP API {@code rawPath} starts with the stage unless it is {@code $default}: routes do not include it. */
    private static String v2Uri(JsonNode event) {
        String path = Json.text(event, "rawPath");
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        String stage = Json.text(event.path("requestContext"), "stage");
        if (stage != null && !stage.equals("$default")) {
            String prefix = "/" + stage;
            if (path.equals(prefix)) {
                path = "/";
            } else if (path.startsWith(prefix + "/")) {
                path = path.substring(prefix.length());
            }
        }
        String query = Json.text(event, "rawQueryString");
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    private ObjectNode response(EventShape shape, boolean multiValue, Response response) {
        ObjectNode result = mapper.createObjectNode();
        result.put("statusCode", response.status.code());
        if (shape == EventShape.ALB) {
            result.put("statusDescription", response.status.code() + " " + response.status.reasonPhrase());
        }
        List<String> setCookies = new ArrayList<>();
        ObjectNode single = mapper.createObjectNode();
        ObjectNode multi = mapper.createObjectNode();
        response.headers.forEach((name, values) -> {
            if (shape == EventShape.API_GATEWAY_V2 && name.equalsIgnoreCase("set-cookie")) {
                setCookies.addAll(values);
                return;
            }
            single.put(name, String.join(",", values));
            ArrayNode array = multi.putArray(name);
            values.forEach(array::add);
        });
        if (multiValue) {
            result.set("multiValueHeaders", multi);
        } else {
            result.set("headers", single);
        }
        if (!setCookies.isEmpty()) {
            ArrayNode cookies = result.putArray("cookies");
            setCookies.forEach(cookies::add);
        }
        String contentType = response.headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(h -> h.getValue().get(0))
                .findFirst().orElse(null);
        byte[] body = response.body.toByteArray();
        boolean binary = body.length > 0 && !textual(contentType);
        result.put("body", binary ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8));
        result.put("isBase64Encoded", binary);
        return result;
    }

    private static boolean textual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml") || type.contains("yaml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }

    private record Response(HttpResponseStatus status, Map<String, List<String>> headers, ByteArrayOutputStream body) {
    }

    /** Collects what the HTTP binding writes back on the virtual connection. */
    private static final class Collector implements VirtualResponseHandler {

        final CompletableFuture<Response> response = new CompletableFuture<>();
        private HttpResponseStatus status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void handleMessage(Object message) {
            try {
                if (message instanceof HttpResponse head) {
                    status = head.status();
                    for (String name : head.headers().names()) {
                        // one spelling for every source: lower case, as HTTP/2 and API Gateway HTTP APIs use
                        headers.put(name.toLowerCase(Locale.ROOT), head.headers().getAll(name));
                    }
                }
                if (message instanceof HttpContent content) {
                    content.content().readBytes(body, content.content().readableBytes());
                }
                if (message instanceof LastHttpContent) {
                    response.complete(new Response(status, headers, body));
                }
            } catch (Throwable e) {
                response.completeExceptionally(e);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void close() {
            response.completeExceptionally(new IllegalStateException("the connection closed before the response "
                    + "was complete"));
        }
    }
}
