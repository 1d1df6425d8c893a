package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Trigger;
import io.quarkus.builder.Version;
import io.quarkus.funqy.Funq;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens on the function routes, verified by the application's JWT extension (here SmallRye JWT with a test key):
 * a missing, expired or foreign token is 401, a token for another audience or a direct call of a trigger-only function
 * 403, all problem+json, and no function runs for any of them; the broker's identity and the trigger route get through.
 */
class AccessControlTest {

    static final String ISSUER = "https://issuer.test";
    /**
     * Keys from files (the test class is loaded twice, by JUnit's and by the application's class loader, so generated
     * keys would differ), read from the module's directory (the application's class path has only its own classes).
     */
    static final PrivateKey SIGNER = privateKey("tokens/signer.key.pem");
    static final PrivateKey OTHER = privateKey("tokens/other.key.pem");
    static final String BROKER = "system:serviceaccount:events:oidc-trigger-vip";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .setForcedDependencies(
                    List.of(Dependency.of("io.quarkus", "quarkus-smallrye-jwt", Version.getVersion())))
            .overrideConfigKey("mp.jwt.verify.publickey", resource("tokens/signer.pub.pem"))
            .overrideConfigKey("mp.jwt.verify.issuer", ISSUER)
            .overrideConfigKey("eventloom.http.auth.required", "true")
            .overrideConfigKey("eventloom.http.auth.trigger-subjects", "system:serviceaccount:events:*")
            .overrideConfigKey("eventloom.http.auth.function.\"vip-welcome\".trigger-only", "true")
            .overrideConfigKey("eventloom.http.auth.function.billing.audience", "billing,accounts");

    static final List<String> RAN = new CopyOnWriteArrayList<>();

    public static class Functions {

        @Funq
        public String hello(String name) {
            RAN.add("hello " + name);
            return "Hello " + name;
        }

        @Funq("vip-welcome")
        @Trigger(type = "greeting.requested")
        public void vipWelcome(String name) {
            RAN.add("vip-welcome " + name);
        }

        @Funq
        @Trigger(type = "bill.requested")
        public void billing(String name) {
            RAN.add("billing " + name);
        }
    }

    @BeforeEach
    void clear() {
        RAN.clear();
    }

    private static String resource(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "resources", name));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey(String name) {
        String base64 = resource(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String subject, Instant expires, PrivateKey key, String... audience) {
        Instant issued = (expires.isBefore(Instant.now()) ? expires : Instant.now()).minusSeconds(600);
        var claims = Jwt.issuer(ISSUER).subject(subject).issuedAt(issued).expiresAt(expires);
        if (audience.length > 0) {
            claims.audience(java.util.Set.of(audience));
        }
        return claims.jws().sign(key);
    }

    private static String valid(String subject, String... audience) {
        return token(subject, Instant.now().plusSeconds(3600), SIGNER, audience);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification event(RequestSpecification request, String type) {
        return request.header("ce-specversion", "1.0").header("ce-id", "e-1").header("ce-source", "/test")
                .header("ce-type", type).contentType("application/json").body("\"ann\"");
    }

    @Test
    void aCallWithoutAValidTokenIsRefusedWith401AndRunsNothing() {
        String expired = token("ann", Instant.now().minusSeconds(3600), SIGNER);
        String foreign = token("ann", Instant.now().plusSeconds(3600), OTHER);
        for (RequestSpecification request : List.of(given(), bearer(expired), bearer(foreign), bearer("not-a-jwt"))) {
            request.contentType("application/json").body("\"ann\"").post("/hello").then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("status", equalTo(401))
                    .body("type", equalTo("urn:eventloom:problem:unauthorized"))
                    .body(not(containsString("Exception")));
        }
        event(given(), "greeting.requested").post("/").then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        assertEquals(List.of(), RAN);
    }

    @Test
    void aValidTokenCallsTheFunction() {
        bearer(valid("ann")).contentType("application/json").body("\"ann\"").post("/hello").then().statusCode(200)
                .body(equalTo("\"Hello ann\""));
        assertEquals(List.of("hello ann"), RAN);
    }

    @Test
    void aTriggerOnlyFunctionIsReachedThroughTheBrokerOrItsTriggerButNotCalledDirectly() {
        bearer(valid("mallory")).contentType("application/json").body("\"mallory\"").post("/vip-welcome").then()
                .statusCode(403).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("reached only through its triggers"));
        assertEquals(List.of(), RAN);

        event(bearer(valid(BROKER)), "greeting.requested").post("/vip-welcome").then().statusCode(202);
        event(bearer(valid("ann")), "greeting.requested").post("/").then().statusCode(202);
        assertEquals(List.of("vip-welcome ann", "vip-welcome ann"), RAN);
    }

    @Test
    void aFunctionWithAnAudienceTakesOnlyTokensForIt() {
        bearer(valid("ann", "other")).contentType("application/json").body("\"ann\"").post("/billing").then()
                .statusCode(403).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("audience"));
        bearer(valid("ann")).contentType("application/json").body("\"ann\"").post("/billing").then().statusCode(403);
        event(bearer(valid("ann", "other")), "bill.requested").post("/").then().statusCode(403);
        assertEquals(List.of(), RAN);

        bearer(valid("ann", "accounts")).contentType("application/json").body("\"ann\"").post("/billing").then()
                .statusCode(204);
        event(bearer(valid("bob", "billing")), "bill.requested").post("/").then().statusCode(202);
        assertEquals(List.of("billing ann", "billing ann"), RAN);
    }
}
