package io.fpi.runtime.migrations;

import io.fpi.runtime.clickhouse.ClickHouseClient;
import io.fpi.runtime.clickhouse.ClickHouseException;
import io.fpi.runtime.clickhouse.SqlLiterals;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered migrations in infra/clickhouse (shipped as classpath resources, listed in
 * {@code clickhouse/MIGRATIONS} in order). Safe to run at every start and from several processes at
 * once: each statement is idempotent (IF NOT EXISTS), and applied versions are recorded in
 * {@code schema_migrations} only to skip work, never to decide correctness.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String INDEX = "/clickhouse/MIGRATIONS";

    private Migrations() {}

    public static List<String> names() {
        String index = resource(INDEX);
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String n = line.strip();
            if (!n.isEmpty() && !n.startsWith("#")) {
                names.add(n);
            }
        }
        return names;
    }

    /** Creates FPI's database if missing and applies every migration not yet recorded. Returns how many ran. */
    public static int apply(ClickHouseClient client) {
        String db = SqlLiterals.identifier(client.endpoint().database());
        client.executeWithoutDatabase("CREATE DATABASE IF NOT EXISTS " + db);
        client.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime)"
                + " ENGINE = MergeTree ORDER BY version");
        Set<Integer> applied = new HashSet<>();
        client.query("SELECT version FROM schema_migrations").forEach(r -> applied.add(r.get("version").asInt()));
        int ran = 0;
        for (String name : names()) {
            int version = Integer.parseInt(name.substring(0, name.indexOf('_')));
            if (applied.contains(version)) {
                continue;
            }
            for (String statement : statements(resource("/clickhouse/" + name + ".up.sql"))) {
                executeIdempotently(client, statement);
            }
            client.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ("
                    + version + ", " + SqlLiterals.string(name) + ", now())");
            LOG.info("applied ClickHouse migration {}", name);
            ran++;
        }
        return ran;
    }

    /**
     * ClickHouse 18.16 has no {@code ADD COLUMN IF NOT EXISTS}: when two processes migrate at once,
     * or a run died between the ALTER and its record, the column is already there, and that is the
     * state the statement wanted.
     */
    public static void executeIdempotently(ClickHouseClient client, String statement) {
        try {
            client.execute(statement);
        } catch (ClickHouseException e) {
            boolean addColumn = statement.toUpperCase(java.util.Locale.ROOT).matches("(?s)\\s*ALTER\\s+TABLE\\s+.*\\bADD\\s+COLUMN\\b.*");
            if (!(addColumn && e.getMessage() != null && e.getMessage().contains("already exists"))) {
                throw e;
            }
            LOG.info("column of '{}' already exists; nothing to do", statement.lines().findFirst().orElse(statement));
        }
    }

    /** Splits a migration file on ';' at line ends, dropping '--' comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
