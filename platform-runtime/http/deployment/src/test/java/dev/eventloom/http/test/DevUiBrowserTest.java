package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import dev.eventloom.testkit.DevUiBrowser;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Eventloom card in a real headless Chromium against an application in dev mode: the Functions page lists
 * the functions with their triggers, the Send page sends an event, the Invocations page shows it and the reply it fed
 * to the next function (the local broker), and Replay sends it again. Screenshots go to
 * {@code target/dev-ui-screenshots}. Skipped without a browser unless {@code EVENTLOOM_BROWSER_TESTS=required}
 * ({@code .ci/run}, the GitHub workflow): see {@link DevUiBrowser}.
 */
class DevUiBrowserTest {

    static final int PORT = 18089;

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ChainFunctions.class, Person.class, Greeting.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT + "\n"
                            // The Dev UI asks the Quarkus registry for its extension catalog: unreachable offline.
                            + "quarkus.log.category.\"io.quarkus.devui.runtime.jsonrpc.JsonRpcCodec\".level=OFF\n"),
                            "application.properties"));

    static DevUiBrowser browser;

    public static class ChainFunctions {

        @Funq
        @Trigger(type = "ui.requested")
        @Reply(type = "ui.greeted")
        public Greeting welcome(Person person) {
            return new Greeting("Welcome " + person.name());
        }

        @Funq
        @Trigger(type = "ui.greeted")
        public void record(Greeting greeting) {
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
    void theCardShowsTheFunctionsSendsAnEventAndLogsItsChain() throws IOException {
        open("functions");
        WebElement welcome = browser.await("tr[data-function='welcome']");
        assertTrue(welcome.getText().contains("type = ui.requested"), welcome.getText());
        assertTrue(welcome.getText().contains("ui.greeted"), "the reply type: " + welcome.getText());
        assertTrue(browser.await("tr[data-function='record']").getText().contains("type = ui.greeted"));
        browser.screenshot("functions");

        open("event-graph");
        browser.await("g.function[data-function='record']");
        browser.screenshot("event-graph");

        open("send-an-event");
        browser.fill("input#type", "ui.requested");
        browser.fill("textarea#data", "{\"name\": \"Ada\"}");
        browser.click("vaadin-button#send");
        assertEquals("welcome: ok", browser.await("li[data-function='welcome']").getText().trim());
        browser.screenshot("send");

        open("invocations");
        WebElement first = browser.await("tr.entry[data-function='welcome'][data-outcome='ok']");
        WebElement chained = browser.await("tr.entry[data-function='record'][data-outcome='ok']");
        assertTrue(first.getText().contains("ui.requested"), first.getText());
        assertTrue(chained.getText().contains("ui.greeted"), "the reply reached the next function: " + chained.getText());
        browser.script("arguments[0].click();", first);
        WebElement reply = browser.await("pre.reply");
        assertTrue(reply.getText().contains("Welcome Ada"), reply.getText());
        browser.screenshot("invocations");

        browser.click("tr.entry[data-function='welcome'] vaadin-button.replay");
        assertTrue(browser.await("#message").getText().contains("sent again to welcome"));
        browser.awaitCount("tr.entry[data-function='welcome'][data-outcome='ok']", 2);
    }

    private static void open(String page) {
        browser.get("http://localhost:" + PORT + "/q/dev-ui/eventloom-core/" + page);
    }
}
