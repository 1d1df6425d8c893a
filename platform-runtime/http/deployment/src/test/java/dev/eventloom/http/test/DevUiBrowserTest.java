package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Eventloom card in a real headless Chromium against an application in dev mode: the Functions page lists
 * the functions with their triggers, the Send page sends an event, and the Invocations page shows it and the reply it
 * fed to the next function (the local broker). Screenshots go to {@code target/dev-ui-screenshots}.
 *
 * <p>
 * Needs Debian's {@code chromium} and {@code chromium-driver} (or the browser and driver that {@code EVENTLOOM_CHROME}
 * and {@code EVENTLOOM_CHROMEDRIVER} name); without them the test is skipped, unless
 * {@code EVENTLOOM_BROWSER_TESTS=required} (as {@code .ci/run} and the GitHub workflow set), which makes it fail.
 */
class DevUiBrowserTest {

    static final int PORT = 18089;
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("EVENTLOOM_CHROME", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("EVENTLOOM_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "dev-ui-screenshots");
    static final Duration WAIT = Duration.ofSeconds(60);

    /** Finds the first element matching a CSS selector anywhere in the page, shadow roots included. */
    static final String DEEP_QUERY = """
            const find = (root, selector) => {
              const hit = root.querySelector(selector);
              if (hit) return hit;
              for (const element of root.querySelectorAll('*')) {
                if (element.shadowRoot) {
                  const deeper = find(element.shadowRoot, selector);
                  if (deeper) return deeper;
                }
              }
              return null;
            };
            return find(document, arguments[0]);
            """;

    @RegisterExtension
    static final QuarkusDevModeTest app = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ChainFunctions.class, Person.class, Greeting.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT + "\n"
                            // The Dev UI asks the Quarkus registry for its extension catalog: unreachable offline.
                            + "quarkus.log.category.\"io.quarkus.devui.runtime.jsonrpc.JsonRpcCodec\".level=OFF\n"),
                            "application.properties"));

    static ChromeDriver browser;

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
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("EVENTLOOM_BROWSER_TESTS"))) {
            throw new IllegalStateException("EVENTLOOM_BROWSER_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "no Chromium here (apt-get install -y chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCardShowsTheFunctionsSendsAnEventAndLogsItsChain() throws IOException {
        open("functions");
        WebElement welcome = await("tr[data-function='welcome']");
        assertTrue(welcome.getText().contains("type = ui.requested"), welcome.getText());
        assertTrue(welcome.getText().contains("ui.greeted"), "the reply type: " + welcome.getText());
        assertTrue(await("tr[data-function='record']").getText().contains("type = ui.greeted"));
        screenshot("functions");

        open("event-graph");
        await("g.function[data-function='record']");
        screenshot("event-graph");

        open("send-an-event");
        WebElement type = await("input#type");
        script("arguments[0].value = 'ui.requested';", type);
        script("arguments[0].value = '{\"name\": \"Ada\"}';", await("textarea#data"));
        script("arguments[0].click();", await("vaadin-button#send"));
        WebElement sent = await("li[data-function='welcome']");
        assertEquals("welcome: ok", sent.getText().trim());
        screenshot("send");

        open("invocations");
        WebElement first = await("tr.entry[data-function='welcome'][data-outcome='ok']");
        WebElement chained = await("tr.entry[data-function='record'][data-outcome='ok']");
        assertTrue(first.getText().contains("ui.requested"), first.getText());
        assertTrue(chained.getText().contains("ui.greeted"), "the reply reached the next function: " + chained.getText());
        script("arguments[0].click();", first);
        WebElement reply = await("pre.reply");
        assertTrue(reply.getText().contains("Welcome Ada"), reply.getText());
        screenshot("invocations");

        script("arguments[0].click();", await("tr.entry[data-function='welcome'] vaadin-button.replay"));
        assertTrue(await("#message").getText().contains("sent again to welcome"));
        WebElement log = await("qwc-eventloom-invocations");
        new WebDriverWait(browser, WAIT).withMessage("the replayed event ran welcome a second time").until(
                driver -> ((Number) script("return arguments[0].shadowRoot.querySelectorAll("
                        + "\"tr.entry[data-function='welcome'][data-outcome='ok']\").length;", log)).intValue() == 2);
    }

    private static void open(String page) {
        browser.get("http://localhost:" + PORT + "/q/dev-ui/eventloom-core/" + page);
    }

    /** Waits until the selector matches, in any shadow root; WebDriverWait polls the page, no fixed delays. */
    private static WebElement await(String selector) {
        return new WebDriverWait(browser, WAIT).withMessage(() -> "no element " + selector + " on "
                + browser.getCurrentUrl()).until(driver -> (WebElement) ((JavascriptExecutor) driver)
                        .executeScript(DEEP_QUERY, selector));
    }

    private static Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static void screenshot(String name) throws IOException {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
