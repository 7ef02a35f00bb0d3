package io.fpi.runtime.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * ClickHouse over its HTTP interface, with text formats only (JSONEachRow). That is the common
 * ground of ClickHouse 18.16 and current releases: no native protocol, no server-side parameters,
 * no compressed responses. SQL handed to this class must be a constant or built with
 * {@link SqlLiterals}.
 */
public final class ClickHouseClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final String auth;

    public ClickHouseClient(ClickHouseEndpoint endpoint) {
        this(endpoint, Duration.ofSeconds(60));
    }

    public ClickHouseClient(ClickHouseEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.auth = "Basic " + Base64.getEncoder().encodeToString(
                (endpoint.user() + ":" + endpoint.password()).getBytes(StandardCharsets.UTF_8));
    }

    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** Runs a statement that returns nothing of interest (DDL, INSERT ... SELECT, mutations). */
    public void execute(String sql) {
        send(sql, null, true);
    }

    /** Runs a statement outside FPI's database (e.g. CREATE DATABASE before it exists). */
    public void executeWithoutDatabase(String sql) {
        send(sql, null, false);
    }

    /** Runs a SELECT and returns its rows; the client appends FORMAT JSONEachRow itself. */
    public List<JsonNode> query(String select) {
        String trimmed = select.strip();
        if (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.toUpperCase(Locale.ROOT).matches("(?s).*\\bFORMAT\\s+\\w+\\s*$")) {
            throw new IllegalArgumentException("query() sets the format itself; drop the FORMAT clause");
        }
        String body = send(trimmed + "\nFORMAT JSONEachRow", null, true);
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(body))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new ClickHouseException("ClickHouse returned unparseable JSONEachRow: " + e.getMessage(), 200, e);
        }
        return rows;
    }

    /** The first row of a query, or null when there is none. */
    public JsonNode queryOne(String select) {
        List<JsonNode> rows = query(select);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Inserts rows given as newline-separated JSON objects (JSONEachRow) into a table of FPI's database. */
    public void insertJsonEachRow(String table, byte[] jsonLines) {
        send("INSERT INTO " + SqlLiterals.identifier(table) + " FORMAT JSONEachRow", jsonLines, true);
    }

    /** The server's version string, e.g. 18.16.1 or 24.8.4.13. */
    public String version() {
        return send("SELECT version() FORMAT TabSeparated", null, false).strip();
    }

    public boolean ping() {
        try {
            version();
            return true;
        } catch (ClickHouseException e) {
            return false;
        }
    }

    private String send(String sql, byte[] data, boolean useDatabase) {
        StringBuilder uri = new StringBuilder(endpoint.url()).append("/?");
        if (useDatabase) {
            uri.append("database=").append(endpoint.database()).append('&');
        }
        HttpRequest.Builder req = HttpRequest.newBuilder().timeout(timeout).header("Authorization", auth);
        if (data == null) {
            // the statement travels as the POST body: no URL length limit, nothing in access logs
            req.uri(URI.create(uri.toString())).POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        } else {
            uri.append("query=").append(URLEncoder.encode(sql, StandardCharsets.UTF_8));
            req.uri(URI.create(uri.toString())).POST(HttpRequest.BodyPublishers.ofByteArray(data));
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ClickHouseException("ClickHouse at " + endpoint.url() + " is unreachable: " + e, -1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseException("interrupted while waiting for ClickHouse", -1, e);
        }
        String body;
        try (InputStream in = resp.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClickHouseException("ClickHouse response could not be read: " + e, resp.statusCode(), e);
        }
        if (resp.statusCode() != 200) {
            throw new ClickHouseException("ClickHouse error (HTTP " + resp.statusCode() + "): " + abbreviate(body), resp.statusCode(), null);
        }
        return body;
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 2000 ? t.substring(0, 2000) + "…" : t;
    }

}
