package io.fpi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The dashboard is served from fpi-dashboard's classpath folder, Chart.js from its webjar. */
class DashboardTest extends QueryApiTestBase {
    private static final Pattern REMOTE_URL = Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//", Pattern.CASE_INSENSITIVE);

    @Test
    void GET_root_serves_the_dashboard_page() {
        Api.Response r = api.get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<canvas id=\"trend-chart\"", "<canvas id=\"channel-chart\"",
                "<canvas id=\"type-chart\"", "/webjars/chart.js/4.4.1/dist/chart.umd.js", "<label for=\"range\">");
    }

    @Test
    void GET_chart_js_webjar_path_serves_chart_js_4_4_1() {
        Api.Response r = api.get("/webjars/chart.js/4.4.1/dist/chart.umd.js");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).contains("javascript");
        assertThat(r.body()).contains("Chart.js v4.4.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/index.html", "/trace.html", "/executive.js", "/common.js", "/style.css", "/targets.json",
            "/governance/index.html", "/governance/governance.js", "/governance/processmap.js", "/governance/trace.html",
            "/governance/trace.js"})
    void every_page_asset_is_served_and_loads_nothing_from_another_host(String asset) {
        Api.Response r = api.get(asset);

        assertThat(r.status()).isEqualTo(200);
        assertThat(REMOTE_URL.matcher(r.body()).find()).as("remote URL in " + asset).isFalse();
    }
}
