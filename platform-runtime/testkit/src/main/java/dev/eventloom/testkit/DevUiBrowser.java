package dev.eventloom.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for Dev UI tests: finds elements through the web components' shadow roots, waits for them by
 * polling the page (never a fixed delay), keeps screenshots. Uses Debian's {@code chromium} and
 * {@code chromium-driver}, or what {@code EVENTLOOM_CHROME} and {@code EVENTLOOM_CHROMEDRIVER} name. Without them
 * {@link #open} gives nothing (the test skips), unless {@code EVENTLOOM_BROWSER_TESTS=required}, which makes it throw.
 */
public final class DevUiBrowser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** The first element matching a CSS selector anywhere in the page or below a given element, shadow roots included. */
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

    /** How many elements match, anywhere in the page, shadow roots included. */
    static final String DEEP_COUNT = """
            const count = (root, selector) => {
              let n = root.querySelectorAll(selector).length;
              for (const element of root.querySelectorAll('*')) {
                if (element.shadowRoot) n += count(element.shadowRoot, selector);
              }
              return n;
            };
            return count(document, arguments[0]);
            """;

    private final ChromeDriver driver;
    private final Path screenshots;

    private DevUiBrowser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** A browser, or nothing when none is installed and none is required. */
    public static Optional<DevUiBrowser> open(Path screenshots) throws IOException {
        Path chrome = Path.of(System.getenv().getOrDefault("EVENTLOOM_CHROME", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("EVENTLOOM_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chrome) || !Files.isExecutable(chromedriver)) {
            if ("required".equals(System.getenv("EVENTLOOM_BROWSER_TESTS"))) {
                throw new IllegalStateException("EVENTLOOM_BROWSER_TESTS=required but " + chrome + " or " + chromedriver
                        + " is missing: apt-get install -y chromium chromium-driver");
            }
            return Optional.empty();
        }
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions().setBinary(chrome.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return Optional.of(new DevUiBrowser(new ChromeDriver(service, options), screenshots));
    }

    public void get(String url) {
        driver.get(url);
    }

    /** Waits until the selector matches, in any shadow root, and gives the element. */
    public WebElement await(String selector) {
        return new WebDriverWait(driver, WAIT).withMessage(() -> "no element " + selector + " on "
                + driver.getCurrentUrl()).until(d -> (WebElement) script(DEEP_QUERY, selector));
    }

    /** Waits until exactly {@code count} elements match, in any shadow root. */
    public void awaitCount(String selector, int count) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "not " + count + " elements " + selector + " on "
                + driver.getCurrentUrl()).until(d -> ((Number) script(DEEP_COUNT, selector)).intValue() == count);
    }

    /** Sets a form field's value, as typing would leave it. */
    public void fill(String selector, String value) {
        script("arguments[0].value = arguments[1];", await(selector), value);
    }

    public void click(String selector) {
        script("arguments[0].click();", await(selector));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves the page as {@code <screenshots>/<name>.png}. */
    public void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
