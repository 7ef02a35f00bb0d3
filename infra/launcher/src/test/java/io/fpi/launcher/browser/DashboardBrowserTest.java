package io.fpi.launcher.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpi.api.QueryApiApp;
import io.fpi.api.auth.TokenStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in real headless Chromium against the running API with real data: the FPI job has
 * processed a carrier-outage simulation into ClickHouse before the browser opens (see
 * {@link LivePipeline}). Screenshots go to target/screenshots.
 *
 * <p>Needs Debian's chromium and chromium-driver (bin/fpi test installs them); without them the
 * tests are skipped with that reason. {@code -Dfpi.browser.url=http://127.0.0.1:8080
 * -Dfpi.browser.dataset=demo} runs them against a running demo instead of starting the pipeline.
 */
@EnabledIf(value = "browserAvailable", disabledReason = "browser tests need /usr/bin/chromium and /usr/bin/chromedriver"
        + " (apt-get install chromium chromium-driver; bin/fpi test installs them)")
class DashboardBrowserTest {
    static final int ORDERS = 300;
    static final String DATASET = "browser";
    static final Instant SIM_START = Instant.parse("2026-11-02T08:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // series colours of the pages (style.css / the page scripts)
    static final int[] BLUE = {29, 78, 216};
    static final int[] RED = {185, 28, 28};
    static final int[] OPEN = {147, 197, 253};

    @TempDir
    static Path dir;
    static LivePipeline pipeline;
    static HeadlessChromium browser;
    static String base;
    static String dataset;
    /** The data's placement span: the executive page compares its second half with its first. */
    static Instant firstPlaced;
    static Instant lastPlaced;

    static boolean browserAvailable() {
        if (!HeadlessChromium.available()) {
            System.err.println("DashboardBrowserTest skipped: " + HeadlessChromium.CHROMIUM + " or " + HeadlessChromium.CHROMEDRIVER
                    + " is missing (apt-get install chromium chromium-driver; bin/fpi test installs them)");
            return false;
        }
        return true;
    }

    @BeforeAll
    static void start() throws Exception {
        String external = System.getProperty("fpi.browser.url");
        if (external != null && !external.isBlank()) {
            base = external.replaceAll("/+$", "");
            dataset = System.getProperty("fpi.browser.dataset", "demo");
        } else {
            pipeline = LivePipeline.start(dir, DATASET, ORDERS, SIM_START);
            base = pipeline.baseUrl();
            dataset = DATASET;
        }
        JsonNode orders = api("/api/orders?limit=1000&dataset=" + enc(dataset)).get("orders");
        assertThat(orders.size()).as("orders of dataset " + dataset).isPositive();
        List<Instant> placed = new ArrayList<>();
        orders.forEach(o -> placed.add(Instant.parse(o.get("placed_at").asText())));
        firstPlaced = placed.stream().min(Instant::compareTo).orElseThrow();
        lastPlaced = placed.stream().max(Instant::compareTo).orElseThrow();
        browser = new HeadlessChromium(1280, 900);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    @BeforeEach
    void freshWindow() {
        browser.resize(1280, 900);
        browser.drainConsole();
    }

    // ------------------------------------------------------------------ executive page

    @Test
    void the_executive_page_shows_every_kpi_against_the_previous_period_and_its_target_and_draws_its_charts() throws Exception {
        browser.open(base + executiveQuery());
        browser.awaitLoaded();
        browser.awaitVisible("#tile-sla_adherence");

        List<String> tiles = browser.driver.findElements(By.cssSelector("#tiles .kpi")).stream()
                .map(e -> e.getAttribute("data-kpi")).toList();
        assertThat(tiles).containsExactly("fill_rate", "sla_adherence", "cycle_time_p50_ms", "cycle_time_p90_ms",
                "cancellation_rate", "exception_count", "refund_cycle_p50_ms", "inventory_accuracy", "integration_failures",
                "cost_to_serve");
        for (WebElement tile : browser.driver.findElements(By.cssSelector("#tiles .kpi"))) {
            assertThat(tile.findElement(By.cssSelector(".kpi-value")).getText()).isNotBlank();
            assertThat(tile.findElement(By.cssSelector(".kpi-target")).getText()).as(tile.getAttribute("data-kpi")).startsWith("Target");
            assertThat(tile.findElement(By.cssSelector(".kpi-trend")).getText()).isNotBlank();
        }
        // both halves of the simulation have orders, exceptions, inventory syncs: trends against the previous period
        long withTrend = browser.driver.findElements(By.cssSelector("#tiles .kpi-trend")).stream()
                .filter(e -> e.getText().contains(" vs ") && e.getText().contains("before")).count();
        assertThat(withTrend).isGreaterThanOrEqualTo(3);
        assertThat(browser.driver.findElements(By.cssSelector("#tiles .kpi[data-status='met'], #tiles .kpi[data-status='missed']")))
                .isNotEmpty();
        assertThat(browser.driver.findElement(By.id("volume-line")).getText()).contains("orders placed").contains("before)");
        if (pipeline != null) {
            // the simulated carrier outage shows up as failing carrier calls
            assertThat(browser.driver.findElements(By.cssSelector("#failures-list li"))).isNotEmpty();
            assertThat(browser.driver.findElement(By.id("failures-list")).getText()).contains("CARRIER");
        }

        assertSeriesDrawn("trend-chart", BLUE);
        assertSeriesDrawn("channel-chart", BLUE);
        assertSeriesDrawn("type-chart", BLUE);
        assertThat(browser.driver.findElements(By.cssSelector("#channel-body tr th"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.driver.findElements(By.cssSelector("#type-body tr th"))).hasSizeGreaterThanOrEqualTo(2);

        browser.screenshot("executive-1280");
        assertNoConsoleErrors();
    }

    @Test
    void the_executive_page_keeps_its_settings_in_the_url_so_a_view_can_be_shared() {
        browser.open(base + executiveQuery());
        browser.awaitLoaded();
        assertThat(new Select(browser.driver.findElement(By.id("range"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("custom");
        assertThat(browser.driver.findElement(By.id("dataset")).getAttribute("value")).isEqualTo(dataset);
        assertThat(browser.driver.findElement(By.id("trend-metric")).getAttribute("value"))
                .isEqualTo(pipeline != null ? "integration_failures" : "orders_placed");

        new Select(browser.driver.findElement(By.id("trend-metric"))).selectByValue("exception_count");
        new Select(browser.driver.findElement(By.id("range"))).selectByValue("6h");
        browser.await("the range in the URL", d -> d.getCurrentUrl().contains("range=6h") ? true : null);
        assertThat(browser.driver.getCurrentUrl()).contains("trend=exception_count").contains("dataset=" + dataset)
                .doesNotContain("from=");

        browser.open(browser.driver.getCurrentUrl());
        browser.awaitLoaded();
        assertThat(browser.driver.findElement(By.id("range")).getAttribute("value")).isEqualTo("6h");
        assertThat(browser.driver.findElement(By.id("trend-metric")).getAttribute("value")).isEqualTo("exception_count");
        assertNoConsoleErrors();
    }

    @Test
    void over_data_behind_the_clock_the_last_hour_offers_the_last_hour_of_the_data_instead() throws Exception {
        Assumptions.assumeTrue(pipeline != null, "needs the test's own simulation, weeks behind the clock");
        browser.open(base + "/?range=24h&dataset=" + enc(dataset));
        browser.awaitLoaded();
        WebElement lag = browser.awaitVisible("#lag");
        assertThat(lag.getText()).contains("behind the clock");
        assertThat(browser.driver.findElement(By.id("tiles")).getText()).contains("—");
        browser.screenshot("executive-data-behind-the-clock");

        String loads = browser.loads();
        browser.driver.findElement(By.id("lag-jump")).click();
        browser.awaitLoadedAfter(loads);
        browser.screenshot("executive-last-hour-of-the-data");
        assertThat(browser.driver.getCurrentUrl()).contains("range=custom").contains("from=").contains("to=");
        assertThat(browser.driver.findElement(By.id("lag")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("#tiles .kpi .kpi-value")).stream()
                .map(WebElement::getText).filter(v -> !v.equals("—")).count()).as("KPIs with a value").isPositive();
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ governance page

    @Test
    void the_governance_page_shows_the_bottleneck_heat_table_process_map_variants_patterns_and_findings() throws Exception {
        browser.open(base + "/governance?dataset=" + enc(dataset)); // no trailing slash: must resolve too
        browser.awaitLoaded();
        browser.awaitVisible("#heat-table");

        assertThat(browser.driver.findElements(By.cssSelector("#heat-table button.heat-cell"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(browser.driver.findElement(By.id("bn-summary")).getText()).startsWith("Most waiting: ");
        assertSeriesDrawn("top-chart", BLUE);

        List<WebElement> activities = browser.driver.findElements(By.cssSelector("#map-wrap svg g.node"));
        assertThat(activities).hasSizeGreaterThanOrEqualTo(5);
        // edges carry "frequency · duration"
        assertThat(browser.driver.findElements(By.cssSelector("#map-wrap svg g.edge text")).stream()
                .map(WebElement::getText).filter(t -> t.matches("[\\d,]+ · .+")).count()).isGreaterThanOrEqualTo(3);
        assertThat(browser.driver.findElement(By.id("map-summary")).getText()).contains("cases").contains("transitions");

        assertThat(browser.driver.findElements(By.cssSelector("#variants-body tr .chip"))).isNotEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#variants-body tr"))).hasSizeGreaterThanOrEqualTo(3);
        // the carrier outage is a recurring exception pattern, with its trend
        assertThat(browser.driver.findElements(By.cssSelector("#patterns-body tr svg.spark")))
                .as("patterns: %s / %s", browser.driver.findElement(By.id("patterns-summary")).getText(),
                        browser.driver.findElement(By.id("patterns-body")).getText()).isNotEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#findings-body tr")))
                .as("findings: %s", browser.driver.findElement(By.id("findings-body")).getText()).isNotEmpty();

        // a higher minimum frequency than the automatic one draws fewer edges, and lands in the URL
        int before = browser.driver.findElements(By.cssSelector("#map-wrap svg g.edge path")).size();
        WebElement minFreq = browser.driver.findElement(By.id("min_freq"));
        String auto = minFreq.getAttribute("placeholder").replaceAll("\\D", "");
        String higher = Long.toString(Long.parseLong(auto) * 4);
        minFreq.clear();
        minFreq.sendKeys(higher, Keys.TAB);
        browser.await("min_freq in the URL", d -> d.getCurrentUrl().contains("min_freq=" + higher) ? true : null);
        assertThat(browser.driver.findElements(By.cssSelector("#map-wrap svg g.edge path")).size()).isLessThan(before);

        browser.screenshot("governance-1280");

        // filters by channel: in the URL, and either applied by the API (fewer cases on the map) or said not to be
        long casesBefore = casesOnMap();
        String loads = browser.loads();
        Select channel = new Select(browser.driver.findElement(By.id("channel")));
        String chosen = channel.getOptions().get(1).getAttribute("value");
        channel.selectByValue(chosen);
        browser.awaitLoadedAfter(loads);
        assertThat(browser.driver.getCurrentUrl()).contains("channel=" + enc(chosen));
        String note = browser.driver.findElement(By.id("filters-note")).getText();
        if (note.isEmpty()) {
            assertThat(casesOnMap()).isLessThan(casesBefore);
        } else {
            assertThat(note).startsWith("This API version does not filter process mining by channel");
        }

        // keyboard: Enter on a heat cell opens its drill-down
        WebElement second = browser.driver.findElements(By.cssSelector("#heat-table button.heat-cell")).get(1);
        String stage = second.getAttribute("data-stage");
        second.sendKeys(Keys.ENTER);
        browser.await("the drill-down by keyboard", d -> browser.js("return document.getElementById('drill').dataset.loaded || null;"));
        assertThat(browser.driver.findElement(By.id("drill-title")).getText()).contains(stage);
        assertNoConsoleErrors();
    }

    @Test
    void clicking_the_biggest_bottleneck_lists_its_orders_and_an_order_opens_its_trace_timeline() throws Exception {
        browser.open(base + "/governance/?dataset=" + enc(dataset));
        browser.awaitLoaded();
        browser.awaitVisible("#heat-table button.heat-cell");
        WebElement cell = browser.driver.findElements(By.cssSelector("#heat-table button.heat-cell[data-total-ms]")).stream()
                .max(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getAttribute("data-total-ms")))).orElseThrow();
        assertThat(browser.driver.findElement(By.id("bn-summary")).getText())
                .startsWith("Most waiting: " + cell.getAttribute("data-stage") + " at " + cell.getAttribute("data-node"));
        String stage = cell.getAttribute("data-stage");
        String node = cell.getAttribute("data-node");
        cell.click();

        browser.await("the drill-down", d -> browser.js("return document.getElementById('drill').dataset.loaded || null;"));
        assertThat(browser.driver.findElement(By.id("drill-title")).getText()).contains(stage).contains(node);
        List<WebElement> orders = browser.driver.findElements(By.cssSelector("#drill-body a.order-link"));
        assertThat(orders).as("orders through " + stage + " at " + node).isNotEmpty();
        assertThat(browser.driver.getCurrentUrl()).contains("stage=").contains("node=");
        browser.screenshot("governance-drilldown");

        String orderId = orders.get(0).getText();
        orders.get(0).click();
        browser.await("the trace page", d -> d.getCurrentUrl().contains("/governance/trace.html?order=") ? true : null);
        browser.awaitLoaded();
        browser.awaitVisible("#trace");
        assertThat(browser.driver.findElement(By.id("title-order")).getText()).isEqualTo(orderId);
        long bars = (Long) browser.js("return Chart.getChart(document.getElementById('timeline-chart')).data.datasets[0].data"
                + ".filter((v) => v !== null).length;");
        assertThat(bars).isPositive();
        long stagePixels = browser.canvasInk("timeline-chart", BLUE[0], BLUE[1], BLUE[2])[1]
                + browser.canvasInk("timeline-chart", RED[0], RED[1], RED[2])[1]
                + browser.canvasInk("timeline-chart", OPEN[0], OPEN[1], OPEN[2])[1];
        assertThat(stagePixels).as("stage bar pixels").isGreaterThan(100);
        assertThat(browser.driver.findElement(By.id("stages-body")).getText()).contains(stage);
        assertThat(browser.driver.findElement(By.id("why")).getText()).isNotBlank();
        browser.screenshot("trace-from-drilldown");
        assertNoConsoleErrors();
    }

    @Test
    void the_trace_of_a_late_order_says_how_late_it_was_and_where_the_time_went() throws Exception {
        Assumptions.assumeTrue(pipeline != null, "needs the test's own pipeline to pick a late order");
        String order = pipeline.latestDeliveredLateOrder();
        assertThat(order).as("a shipped order delivered after its promise").isNotNull();

        browser.open(base + "/governance/trace.html?order=" + enc(order) + "&dataset=" + enc(dataset));
        browser.awaitLoaded();
        browser.awaitVisible("#trace");
        String why = browser.driver.findElement(By.id("why")).getText();
        assertThat(why).startsWith("Late by ").contains("promised by").contains("Where the time went: ")
                .contains("At the promise time the order was in stage");
        assertThat(browser.js("return Chart.getChart(document.getElementById('timeline-chart')).$fpi.promise;")).isNotNull();
        assertThat(browser.canvasInk("timeline-chart", RED[0], RED[1], RED[2])[1]).as("late stage pixels").isGreaterThan(50);
        assertThat(browser.driver.findElements(By.cssSelector("#stages-body tr.row-error"))).isNotEmpty();
        browser.screenshot("trace-late-order");
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ quality

    @Test
    void both_pages_fit_a_tablet_width_without_scrolling_sideways() throws Exception {
        browser.resize(800, 1000);
        for (String[] page : new String[][] {{"executive-800", executiveQuery()}, {"governance-800", "/governance/?dataset=" + enc(dataset)}}) {
            browser.open(base + page[1]);
            browser.awaitLoaded();
            Map<String, Object> w = browser.map("return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth};");
            assertThat(((Number) w.get("scroll")).longValue()).as(page[0]).isLessThanOrEqualTo(((Number) w.get("inner")).longValue());
            browser.screenshot(page[0]);
        }
        assertNoConsoleErrors();
    }

    @Test
    void every_control_is_labelled_and_text_has_a_contrast_of_at_least_4_5_to_1() {
        String late = pipeline == null ? null : pipeline.latestDeliveredLateOrder();
        List<String> pages = new ArrayList<>(List.of(executiveQuery(), "/governance/?dataset=" + enc(dataset)));
        if (late != null) {
            pages.add("/governance/trace.html?order=" + enc(late) + "&dataset=" + enc(dataset));
        }
        for (String page : pages) {
            browser.open(base + page);
            browser.awaitLoaded();
            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) browser.js(
                    "return [...document.querySelectorAll('input, select, textarea, button')]"
                            + ".filter((e) => e.type !== 'hidden' && e.offsetParent !== null)"
                            + ".filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.textContent || '').trim())"
                            + ".map((e) => e.outerHTML.slice(0, 80));");
            assertThat(unlabelled).as(page).isEmpty();
            @SuppressWarnings("unchecked")
            List<String> lowContrast = (List<String>) browser.js(CONTRAST_CHECK);
            assertThat(lowContrast).as(page).isEmpty();
        }
    }

    @Test
    void with_auth_on_the_pages_take_the_demo_link_token_ask_for_one_on_401_and_explain_a_403() throws Exception {
        Assumptions.assumeTrue(pipeline != null, "needs the test's own pipeline to start an authenticated API");
        String analyst = "fpi_analyst_browser-test-token";
        String executive = "fpi_executive_browser-test-token";
        TokenStore tokens = TokenStore.parseFile("analyst " + TokenStore.hash(analyst) + "\nexecutive "
                + TokenStore.hash(executive) + "\n", "browser-test");
        QueryApiApp secured = pipeline.authenticatedApi(tokens);
        try {
            String securedBase = "http://127.0.0.1:" + secured.port();
            browser.open(securedBase + "/governance/");
            browser.js("window.localStorage.clear();");
            // no token: every API call is refused, and the page says what to do
            browser.open(securedBase + executiveQuery());
            browser.awaitLoaded();
            assertThat(browser.driver.findElement(By.id("token-state")).getText()).isEqualTo("Enter your API token");
            assertThat(browser.driver.findElement(By.id("error")).getText()).contains("API token");
            assertThat(browser.driver.findElement(By.id("token-form")).isDisplayed()).isTrue();
            browser.screenshot("executive-token-needed");

            // a token typed into the bar is stored and used
            browser.driver.findElement(By.id("api-token")).sendKeys(executive, Keys.ENTER);
            browser.await("the key figures with the token", d -> d.findElements(By.cssSelector("#tiles .kpi")).size() == 10 ? true : null);
            assertThat(browser.driver.findElement(By.id("token-state")).getText()).isEqualTo("Token stored");

            // an executive token may not read the governance drill-downs: a 403, said in words
            browser.open(securedBase + "/governance/?dataset=" + enc(dataset));
            browser.awaitLoaded();
            browser.await("a 403 explained", d -> d.getPageSource().contains("ask for an analyst token") ? true : null);

            // the link the demo prints carries the token in its fragment: taken, stored, removed from the address bar
            browser.open("about:blank");
            browser.open(securedBase + "/governance/?dataset=" + enc(dataset) + "#token=" + analyst);
            browser.awaitLoaded();
            browser.awaitVisible("#heat-table");
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");
            assertThat((String) browser.js("return window.localStorage.getItem('fpi.apiToken');")).isEqualTo(analyst);
            browser.js("window.localStorage.clear();");
        } finally {
            secured.stop();
        }
        // 401s and 403s are this test's point: only JavaScript errors count here
        assertThat(browser.drainConsole().stream().filter(l -> l.startsWith("SEVERE") && !l.contains("Failed to load resource")).toList())
                .isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The executive view of the data with something on both sides of the comparison. The simulation
     * places every order in its first half hour, the carrier outage (2 h after the start, for 4 h)
     * fails carrier calls, deliveries follow over days: the day from the outage's start is compared
     * with the day before (placements, early exceptions). Against another API (a demo), the second
     * half of the placements against the first.
     */
    static String executiveQuery() {
        Instant from;
        Instant to;
        if (pipeline != null) {
            from = SIM_START.plus(2, ChronoUnit.HOURS);
            to = from.plus(24, ChronoUnit.HOURS);
        } else {
            to = lastPlaced.plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            from = firstPlaced.plus(Duration.between(firstPlaced, to).dividedBy(2)).truncatedTo(ChronoUnit.MINUTES);
        }
        String metric = pipeline != null ? "integration_failures" : "orders_placed";
        return "/?range=custom&from=" + enc(from.toString()) + "&to=" + enc(to.toString()) + "&dataset=" + enc(dataset)
                + "&auto=0&trend=" + metric + "&breakdown=" + metric;
    }

    static long casesOnMap() {
        String summary = browser.driver.findElement(By.id("map-summary")).getText();
        return Long.parseLong(summary.substring(0, summary.indexOf(" cases")).replace(",", ""));
    }

    static void assertSeriesDrawn(String canvasId, int[] rgb) {
        long[] ink = browser.canvasInk(canvasId, rgb[0], rgb[1], rgb[2]);
        assertThat(ink[0]).as(canvasId + " pixels drawn").isPositive();
        assertThat(ink[1]).as(canvasId + " pixels in the series colour").isGreaterThan(100);
    }

    /** JavaScript errors and failed loads fail the test; the patterns endpoint is optional (older APIs lack it). */
    static void assertNoConsoleErrors() {
        List<String> errors = browser.drainConsole().stream()
                .filter(l -> l.startsWith("SEVERE"))
                .filter(l -> !(l.contains("/api/exceptions/patterns") && l.contains("404")))
                .collect(Collectors.toList());
        assertThat(errors).isEmpty();
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** WCAG 2 contrast of every visible text node against its composited background (SVG and canvas aside). */
    static final String CONTRAST_CHECK = """
            const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
              const p = m[1].split(',').map((x) => parseFloat(x)); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
            const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
            const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
              b: top.b * top.a + under.b * (1 - top.a) });
            const background = (el) => { const layers = [];
              for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
                if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
              let out = { r: 255, g: 255, b: 255 };
              for (let i = layers.length - 1; i >= 0; i--) out = over(layers[i], out);
              return out; };
            const bad = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const t = walker.currentNode; if (!t.textContent.trim()) continue;
              const el = t.parentElement;
              if (!el || el.closest('svg, canvas, script, style, noscript, [hidden], .sr-only, option, datalist')) continue;
              const box = el.getBoundingClientRect(); if (box.width === 0 || box.height === 0) continue;
              const cs = getComputedStyle(el); if (cs.visibility === 'hidden' || cs.display === 'none') continue;
              const bg = background(el); const fg = over(parse(cs.color), bg);
              const l1 = lum(fg), l2 = lum(bg); const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              const size = parseFloat(cs.fontSize); const bold = parseInt(cs.fontWeight, 10) >= 700;
              const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
              if (ratio < need) bad.push(el.tagName + '.' + el.className + ' "' + t.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2));
            }
            return bad;""";
}
