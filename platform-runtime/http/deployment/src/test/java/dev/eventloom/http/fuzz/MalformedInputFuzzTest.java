package dev.eventloom.http.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;

/**
 * Seeded malformed input through real sockets: broken request lines, headers, bodies, chunking, CloudEvents in every
 * mode with wrong attributes, query strings, encodings and limits. Whatever arrives, the server answers within the
 * contract: no 5xx (no function here fails), every status from 400 up is problem+json (or, for a request Vert.x cannot
 * parse at all, a bare 400/414/431 with the connection closed), no answer names a Java class or carries a stack, a
 * request is never left without an answer (except a malformed chunk, after which Vert.x closes the connection), and
 * the application serves normally afterwards. {@code -Dfuzz.cases=N} (default 1,000; {@code -Pfuzz} runs
 * 20,000) and {@code -Dfuzz.seed=S} reproduce a run.
 */
class MalformedInputFuzzTest {

    private static final Logger LOG = Logger.getLogger(MalformedInputFuzzTest.class);
    private static final int CASES = Integer.getInteger("fuzz.cases", 1000);
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.vertx|io\\.quarkus|io\\.netty|io\\.cloudevents|com\\.fasterxml|dev\\.eventloom)\\.[a-z]"
                    + "|Exception\\b|\\tat |StreamReadConstraints");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class))
            .overrideConfigKey("eventloom.http.max-body-size", "64K");

    public record Person(String name, int age, List<String> tags) {
    }

    public static class Functions {

        @Funq
        @Trigger(type = "fuzz.hello")
        @Reply(type = "fuzz.greeted")
        public String hello(Person person, @Context EventContext event) {
            return "hello " + (person == null ? "nobody" : person.name()) + " " + event.subject();
        }

        @Funq
        @Trigger(prefix = "type=fuzz.")
        @Delivery(maxConcurrency = 2)
        public void sign(byte[] data) {
        }

        @Funq
        public int count(List<Integer> numbers) {
            return numbers == null ? 0 : numbers.size();
        }
    }

    @Test
    void malformedInputIsAnsweredWithinTheContractAndTheApplicationStaysHealthy() throws Exception {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < CASES && violations.size() < 20; i++) {
            Case request = Case.generate(random);
            Answer answer = send(request.bytes, request.head);
            String violation = check(request, answer);
            outcomes.merge(answer.status == 0 ? "no answer (malformed chunk)"
                    : answer.status >= 400 && answer.body.isEmpty() && !request.head ? answer.status + " bare"
                            : String.valueOf(answer.status), 1, Integer::sum);
            if (violation != null) {
                violations.add("case " + i + " (seed " + SEED + "): " + violation + "\n  request: "
                        + printable(request.bytes, 600) + "\n  answer: " + printable(answer.raw, 600));
            }
        }
        LOG.infof("[fuzz] %d cases, seed %d, answers by status: %s", CASES, SEED, outcomes);
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        Answer healthy = send(("GET /count HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(200, healthy.status, printable(healthy.raw, 600));
        Answer event = send(("POST / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nce-specversion: 1.0\r\n"
                + "ce-id: after\r\nce-source: /fuzz\r\nce-type: fuzz.hello\r\nContent-Type: application/json\r\n"
                + "Content-Length: 15\r\n\r\n{\"name\":\"Ada\"}\n").getBytes(StandardCharsets.US_ASCII), false);
        assertEquals(202, event.status, "a fan-out to hello and sign answers 202: " + printable(event.raw, 600));
    }

    private static String check(Case request, Answer answer) {
        if (answer.status == 0) {
            return request.malformedChunk ? null : "no answer";
        }
        if (answer.status >= 500) {
            return "a 5xx the contract does not name";
        }
        String text = new String(answer.raw, StandardCharsets.UTF_8);
        // Quarkus's operational endpoints (/q/metrics names exception classes by design) are not the function API
        boolean operational = answer.status < 400 && request.path.startsWith("/q/");
        if (!operational && INTERNAL.matcher(text).find()) {
            return "the answer names internals";
        }
        if (answer.status < 400) {
            return null;
        }
        String contentType = answer.headers.getOrDefault("content-type", "");
        if (contentType.startsWith("application/problem+json")) {
            // an answer to HEAD has no body
            return request.head || answer.body.contains("\"type\":\"urn:eventloom:problem:") ? null
                    : "a problem without a type";
        }
        boolean bare = (answer.status == 400 || answer.status == 414 || answer.status == 431)
                && answer.body.isEmpty();
        return bare ? null : "a " + answer.status + " that is not problem+json";
    }

    /**
     * One request written to its own connection; the answer read as far as its framing says (its length, its last
     * chunk), or until the server closes the connection: a server may keep a connection whose request body it never
     * read open after answering.
     */
    private static Answer send(byte[] request, boolean head) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000); // a bound on a hung answer, not a synchronisation
            try {
                // Written whole, never half-closed: Vert.x closes a connection whose input ends, answer or not
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before it read everything (a refused body): read what it said
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while (!complete(raw.toByteArray(), head) && (read = socket.getInputStream().read(buffer)) >= 0) {
                    raw.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // a reset after the answer: keep what arrived
            }
            return Answer.parse(raw.toByteArray());
        }
    }

    /** Whether the bytes hold a whole answer. */
    private static boolean complete(byte[] bytes, boolean head) {
        Answer answer = Answer.parse(bytes);
        if (answer.status == 0) {
            return false;
        }
        if (head || answer.status == 204 || answer.status == 304) {
            return true;
        }
        String length = answer.headers.get("content-length");
        if (length != null) {
            return answer.bodyBytes >= Integer.parseInt(length);
        }
        return "chunked".equalsIgnoreCase(answer.headers.get("transfer-encoding")) && answer.body.endsWith("0\r\n\r\n");
    }

    private static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : b == '\r' ? "\\r" : b == '\n' ? "\\n"
                    : String.format(Locale.ROOT, "\\x%02x", b));
        }
        return bytes.length > max ? text + "...(" + bytes.length + " bytes)" : text.toString();
    }

    record Answer(int status, Map<String, String> headers, String body, int bodyBytes, byte[] raw) {

        static Answer parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int start = 0;
            while (text.startsWith("HTTP/1.1 1", start) && text.indexOf("\r\n\r\n", start) > 0) {
                start = text.indexOf("\r\n\r\n", start) + 4; // 100 Continue before the answer
            }
            text = text.substring(start);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || end < 0 || text.indexOf(' ') < 0 || text.length() < 12) {
                return new Answer(0, Map.of(), "", 0, raw);
            }
            Map<String, String> headers = new TreeMap<>();
            String[] lines = text.substring(0, end).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
                }
            }
            String body = new String(raw, start + end + 4, raw.length - start - end - 4, StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            return new Answer(Integer.parseInt(text.substring(space + 1, space + 4)), headers, body,
                    raw.length - start - end - 4, raw);
        }
    }

    /** A generated request: its bytes, and whether it carries a malformed chunk (which gets no answer). */
    static final class Case {
        final byte[] bytes;
        final boolean malformedChunk;
        final String path;
        final boolean head;

        private Case(byte[] bytes, boolean malformedChunk, String path, boolean head) {
            this.bytes = bytes;
            this.malformedChunk = malformedChunk;
            this.path = path;
            this.head = head;
        }

        private static final String[] METHODS = { "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
                "HEAD", "TRACE", "BREW", "G\u00e9T", "" };
        private static final String[] PATHS = { "/", "/", "/hello", "/hello", "/sign", "/count", "/nope", "/hello/x",
                "/%zz", "/%2e%2e/%2e%2e/etc/passwd", "/hello?.=1", "/hello?...=1", "/hello?%2e=1", "/hello?a..b=1",
                "/hello?name=x&name.first=y", "/hello?name=Ada&age=x", "/hello?age=1e999", "/count?numbers=1&numbers=x",
                "/q/health", "/q/metrics", "//hello", "/hello/", "/HELLO", "/hel%6co", "/hello;x=1", "/hello#frag",
                "*", "http://evil.example/hello", "/hello?" + "x".repeat(9000),
                "/hello?" + String.join(".", Collections.nCopies(400, "a")) + "=1" };
        private static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=utf-8",
                "application/cloudevents+json", "application/cloudevents+json; charset=utf-8",
                "application/cloudevents-batch+json", "application/cloudevents+xml", "text/plain", "text/xml",
                "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json; charset=utf-16", "application/json; charset=nope", ";;;", "application/", "" };
        private static final String[] BODIES = { "{\"name\":\"Ada\",\"age\":36}", "{\"name\":\"Ada\"", "{", "[", "]",
                "null", "true", "42", "\"text\"", "{\"name\":{\"first\":\"x\"}}", "{\"age\":\"old\"}",
                "{\"age\":1e999999}", "{\"age\":" + "9".repeat(2000) + "}", "{\"tags\":[1,{},[]]}", "[1,2,\"x\"]",
                "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\\r\\n\"}", "{\"a\":1,\"a\":2}", "\u00ff\u00fe{}",
                "{\"specversion\":\"1.0\",\"id\":\"s-1\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"data\":{\"name\":\"A\"}}",
                "{\"specversion\":\"0.3\",\"id\":\"s-1\",\"source\":\"/f\",\"type\":\"fuzz.hello\"}",
                "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/f\",\"type\":\"fuzz.hello\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"::\",\"type\":\"fuzz.hello\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"time\":\"yesterday\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\\r\\n\\u2603\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"subject\":\"caf\u00e9\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"data_base64\":\"!!!\"}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"Bad-Ext\":1}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"ext\":{\"o\":1}}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/f\",\"type\":\"fuzz.other\",\"datacontenttype\":\"text/xml\",\"data\":\"<a/>\"}",
                "[{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"/f\",\"type\":\"fuzz.hello\",\"data\":{\"name\":\"A\"}},"
                        + "{\"specversion\":\"1.0\",\"id\":\"b-2\",\"source\":\"/f\",\"type\":\"fuzz.nobody\"}]",
                "[{\"specversion\":\"1.0\",\"id\":\"b-1\",\"source\":\"/f\",\"type\":\"fuzz.sign\"},{}]", "[]", "[[]]",
                String.join("", Collections.nCopies(300, "[")) + String.join("", Collections.nCopies(300, "]")),
                "{\"data\":" + String.join("", Collections.nCopies(250, "{\"a\":")) + "1"
                        + String.join("", Collections.nCopies(250, "}")) + "}" };
        private static final String[] CE_VALUES = { "1.0", "0.3", "", " ", "x", "caf%C3%A9", "%zz", "%", "100%25",
                "a%0D%0Ab", "\u00e9", "/f", "fuzz.hello", "fuzz.sign", "fuzz.", "2026-12-07T10:00:00Z", "yesterday",
                "x".repeat(3000), "\"quoted\"", "a b" };

        static Case generate(Random random) {
            String method = pick(random, METHODS);
            String path = pick(random, PATHS);
            StringBuilder head = new StringBuilder();
            int lineKind = random.nextInt(40);
            head.append(switch (lineKind) {
                case 0 -> method + " " + path + "\r\n"; // no version
                case 1 -> method + "  " + path + "  HTTP/1.1\r\n";
                case 2 -> method + " " + path + " HTTP/9.9\r\n";
                case 3 -> method + " " + path + " HTTP/1.1\n"; // bare LF
                default -> method + " " + path + " HTTP/1.1\r\n";
            });
            head.append("Host: localhost\r\nConnection: close\r\n");
            boolean binary = random.nextInt(3) == 0;
            if (binary) {
                for (String attribute : new String[] { "specversion", "id", "source", "type", "subject", "time",
                        "partitionkey", "Bad_Name" }) {
                    if (random.nextInt(6) != 0) {
                        head.append("ce-").append(attribute).append(": ").append(ceValue(random, attribute))
                                .append("\r\n");
                    }
                }
            }
            if (random.nextInt(4) != 0) {
                head.append("Content-Type: ").append(pick(random, CONTENT_TYPES)).append("\r\n");
            }
            switch (random.nextInt(60)) {
                case 0 -> head.append("X-Control: a\u0001b\r\n");
                case 1 -> head.append("X-Folded: a\r\n b\r\n");
                case 2 -> head.append("Content-Encoding: gzip\r\n");
                case 3 -> head.append("Content-Encoding: br, identity\r\n");
                case 4 -> head.append("X-Large: ").append("h".repeat(21 * 1024)).append("\r\n");
                case 5 -> head.append("Bad Header: x\r\n");
                case 6 -> head.append(": empty-name\r\n");
                case 7 -> head.append("Expect: 100-continue\r\n");
                default -> {
                }
            }
            byte[] body = body(random);
            boolean malformedChunk = false;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int framing = random.nextInt(12);
            switch (framing) {
                case 0, 1 -> { // chunked, well formed
                    head.append("Transfer-Encoding: chunked\r\n\r\n");
                    write(out, head.toString());
                    int at = 0;
                    while (at < body.length) {
                        int size = Math.min(body.length - at, 1 + random.nextInt(50));
                        write(out, Integer.toHexString(size) + "\r\n");
                        out.write(body, at, size);
                        write(out, "\r\n");
                        at += size;
                    }
                    write(out, "0\r\n\r\n");
                }
                case 2 -> { // chunked, malformed size
                    head.append("Transfer-Encoding: chunked\r\n\r\n");
                    write(out, head + pick(random, new String[] { "-1", "zz", "ffffffffffffffffff", " " }) + "\r\nabc\r\n0\r\n\r\n");
                    malformedChunk = true;
                }
                case 3 -> { // two different lengths
                    write(out, head + "Content-Length: " + body.length + "\r\nContent-Length: " + (body.length + 1)
                            + "\r\n\r\n");
                    out.write(body, 0, body.length);
                }
                case 4 -> { // a length that is not a number
                    write(out, head + "Content-Length: " + pick(random, new String[] { "-1", "abc", "1e3", "99999999999999999999" })
                            + "\r\n\r\n");
                    out.write(body, 0, body.length);
                }
                case 5 -> { // declares more than the limit, sends little
                    write(out, head + "Content-Length: " + (10 * 1024 * 1024) + "\r\n\r\n");
                    out.write(body, 0, body.length);
                }
                case 6 -> { // a body larger than the limit, chunked
                    head.append("Transfer-Encoding: chunked\r\n\r\n");
                    write(out, head.toString());
                    byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
                    for (int c = 0; c < 10; c++) {
                        write(out, Integer.toHexString(chunk.length) + "\r\n");
                        out.write(chunk, 0, chunk.length);
                        write(out, "\r\n");
                    }
                    write(out, "0\r\n\r\n");
                }
                default -> {
                    write(out, head + "Content-Length: " + body.length + "\r\n\r\n");
                    out.write(body, 0, body.length);
                }
            }
            return new Case(out.toByteArray(), malformedChunk, path, method.equals("HEAD"));
        }

        private static String ceValue(Random random, String attribute) {
            if (random.nextInt(3) != 0) {
                return switch (attribute) {
                    case "specversion" -> "1.0";
                    case "id" -> "id-" + random.nextInt(1000);
                    case "source" -> "/fuzz";
                    case "type" -> random.nextBoolean() ? "fuzz.hello" : "fuzz.sign";
                    default -> pick(random, CE_VALUES);
                };
            }
            return pick(random, CE_VALUES);
        }

        private static byte[] body(Random random) {
            return switch (random.nextInt(8)) {
                case 0 -> new byte[0];
                case 1 -> {
                    byte[] bytes = new byte[random.nextInt(200)];
                    random.nextBytes(bytes);
                    yield bytes;
                }
                case 2 -> {
                    // a valid body cut short or with one byte changed
                    byte[] bytes = pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 2) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                    yield bytes;
                }
                default -> pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
            };
        }

        private static String pick(Random random, String[] values) {
            return values[random.nextInt(values.length)];
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
