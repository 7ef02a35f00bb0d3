package io.fpi.launcher.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Debian's chromedriver, headless, with a fresh profile and nothing
 * that reaches beyond this machine (no component updates, sync, QUIC or background networking).
 * Collects the browser console and saves screenshots under target/screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("fpi.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("fpi.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    HeadlessChromium(int width, int height) throws IOException {
        profile = Files.createTempDirectory("fpi-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(condition);
    }

    WebElement awaitVisible(String css) {
        return await(css + " visible", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    /** Waits until the page says it has loaded (every panel answered or failed): body[data-loaded]. */
    void awaitLoaded() {
        await("the page to finish loading", d -> js("return document.body && document.body.dataset.loaded ? true : null;"));
    }

    /** The page's load count (body[data-loaded]), to wait for the next load with {@link #awaitLoadedAfter}. */
    String loads() {
        return (String) js("return document.body.dataset.loaded || '';");
    }

    void awaitLoadedAfter(String loads) {
        await("the page to load again", d -> js("return (document.body.dataset.loaded || '') !== arguments[0] ? true : null;", loads));
    }

    /**
     * Pixels of a canvas: all non-transparent ones, and those close to `rgb` (a series colour).
     * Proves the chart drew its data, not just its axes.
     */
    @SuppressWarnings("unchecked")
    long[] canvasInk(String canvasId, int r, int g, int b) {
        List<Number> v = (List<Number>) js(
                "const c = document.getElementById(arguments[0]);"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let ink = 0, series = 0;"
                        + "for (let i = 0; i < d.length; i += 4) {"
                        + "  if (d[i + 3] > 0) ink++;"
                        + "  if (d[i + 3] > 200 && Math.abs(d[i] - arguments[1]) < 28 && Math.abs(d[i + 1] - arguments[2]) < 28"
                        + "      && Math.abs(d[i + 2] - arguments[3]) < 28) series++;"
                        + "}"
                        + "return [ink, series, c.width * c.height];", canvasId, r, g, b);
        return new long[] {v.get(0).longValue(), v.get(1).longValue(), v.get(2).longValue()};
    }

    /** Console entries since the last call, as "LEVEL message". */
    List<String> drainConsole() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(e.getLevel() + " " + e.getMessage());
        }
        List<String> out = List.copyOf(console);
        console.clear();
        return out;
    }

    /** Saves a screenshot of the whole page (the window grows to the page's height, at most 6000 px). */
    Path screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        long height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight);")).longValue();
        long chrome = ((Number) js("return window.outerHeight - window.innerHeight;")).longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, Math.max(before.getHeight(), height + chrome))));
        try {
            js("return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));");
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String script, Object... args) {
        return (Map<String, Object>) js(script, args);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
