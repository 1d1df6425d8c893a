package dev.eventloom.lambda.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Trigger;
import dev.eventloom.testkit.DevUiBrowser;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Lambda page in a real headless Chromium against an application in dev mode: it offers the configured
 * logical sources, builds an SQS batch with the records typed in, invokes the application through the mock Runtime API
 * and shows Lambda's answer, whose batchItemFailures name the failed message. Screenshots go to
 * {@code target/dev-ui-screenshots}. Skipped without a browser unless {@code EVENTLOOM_BROWSER_TESTS=required}.
 */
class DevUiLambdaPageTest {

    static final int PORT = 18090;
    static final String QUEUE = "arn:aws:sqs:eu-west-1:123456789012:signups";

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(QueueFunctions.class, Applicant.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT + "\n"
                            + "quarkus.lambda.mock-event-server.dev-port=" + (PORT + 1) + "\n"
                            + "eventloom.lambda.sources=signups=" + QUEUE + "\n"
                            // The Dev UI asks the Quarkus registry for its extension catalog: unreachable offline.
                            + "quarkus.log.category.\"io.quarkus.devui.runtime.jsonrpc.JsonRpcCodec\".level=OFF\n"),
                            "application.properties"));

    static DevUiBrowser browser;

    public record Applicant(String email) {
    }

    public static class QueueFunctions {

        @Funq
        @Trigger(source = "signups")
        public void register(Applicant applicant) {
            if (!applicant.email().contains("@")) {
                throw new IllegalArgumentException("not an email address: " + applicant.email());
            }
        }
    }

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = DevUiBrowser.open(Path.of("target", "dev-ui-screenshots")).orElse(null);
        Assumptions.assumeTrue(browser != null, "no Chromium here (apt-get install -y chromium chromium-driver)");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anSqsBatchFromTheFormGetsLambdasAnswer() throws IOException {
        browser.get("http://localhost:" + PORT + "/q/dev-ui/eventloom-lambda/send-an-aws-event");
        browser.await("select#source option[value='" + QUEUE + "']");
        browser.script("const s = arguments[0]; s.value = arguments[1]; s.dispatchEvent(new Event('change'));",
                browser.await("select#source"), QUEUE);
        browser.fill("textarea#records", "{\"email\": \"ann@example.com\"}\n---\n{\"email\": \"broken\"}");
        browser.click("vaadin-button#send");
        String answer = browser.await("pre#answer").getText();
        assertTrue(answer.contains("batchItemFailures") && answer.contains("msg-1") && !answer.contains("msg-0"),
                "only the second message failed: " + answer);
        assertTrue(browser.await("pre#event").getText().contains(QUEUE), "the batch came from the chosen queue");
        browser.screenshot("lambda-send");
    }
}
