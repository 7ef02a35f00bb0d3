package io.fpi.launcher;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What was imported into a dataset, kept as {@code <data dir>/imports/<dataset>.json}: the
 * source's fingerprint (SHA-256 of the file as stored, plus every option that changes which
 * events it yields) and whether the import completed. It is what tells a re-import of the same
 * file (idempotent: the same event ids, collapsed by the tables) from a different file, which
 * would mix two logs in one dataset and is refused unless --replace.
 *
 * @param source   fingerprint of the file and options
 * @param status   {@link #IMPORTING} while the job runs (still there after a crash or kill),
 *                 {@link #COMPLETE} or {@link #INCOMPLETE} after verification
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ImportManifest(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("file") String file,
        @JsonProperty("source") String source,
        @JsonProperty("format") String format,
        @JsonProperty("status") String status,
        @JsonProperty("events") long events,
        @JsonProperty("cases") long cases,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt) {

    static final String IMPORTING = "importing";
    static final String COMPLETE = "complete";
    static final String INCOMPLETE = "incomplete";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    boolean complete() {
        return COMPLETE.equals(status);
    }

    ImportManifest withStatus(String newStatus, long newEvents, long newCases, String finished) {
        return new ImportManifest(dataset, file, source, format, newStatus, newEvents, newCases, startedAt, finished);
    }

    /**
     * SHA-256 over the file's stored bytes and the options that decide its events (format, case
     * object type, CSV columns): the same fingerprint means the same events with the same ids.
     */
    static String fingerprint(Path file, String format, String caseObjectType, String csvCase, String csvActivity,
                              String csvTimestamp) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String options = String.join("\u0000", format, Objects.toString(caseObjectType, ""),
                    Objects.toString(csvCase, ""), Objects.toString(csvActivity, ""), Objects.toString(csvTimestamp, ""));
            sha.update(("\u0000" + options).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Where the manifests of a data directory live. */
    static final class Store {
        private final Path dir;

        Store(Path dataDir) {
            this.dir = dataDir.resolve("imports");
        }

        /** Null when the dataset has no manifest (never imported here, or imported elsewhere). */
        ImportManifest read(String dataset) {
            Path f = path(dataset);
            if (!Files.isRegularFile(f)) {
                return null;
            }
            try {
                return JSON.readValue(f.toFile(), ImportManifest.class);
            } catch (IOException e) {
                return null; // unreadable: treated as unknown origin, which is the safe side
            }
        }

        /** Written to a temporary file and moved into place, so a crash never leaves half a manifest. */
        void write(ImportManifest m) {
            try {
                Files.createDirectories(dir);
                Path tmp = dir.resolve(m.dataset() + ".json.tmp");
                JSON.writeValue(tmp.toFile(), m);
                Files.move(tmp, path(m.dataset()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the import manifest in " + dir, e);
            }
        }

        void delete(String dataset) {
            try {
                Files.deleteIfExists(path(dataset));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the import manifest of " + dataset, e);
            }
        }

        private Path path(String dataset) {
            return dir.resolve(dataset + ".json"); // dataset names are checked: [A-Za-z0-9._-], no leading dot
        }
    }
}
