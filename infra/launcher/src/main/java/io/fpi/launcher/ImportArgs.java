package io.fpi.launcher;

import io.fpi.importer.LogFormat;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The options of {@code bin/fpi import}.
 *
 * @param format      null: detect it from the file
 * @param parallelism of the import job's trace builder and sinks
 */
record ImportArgs(Path file, String dataset, LogFormat format, String caseObjectType, String csvCase,
                  String csvActivity, String csvTimestamp, boolean replace, boolean strict, int parallelism,
                  boolean help) {

    static final String USAGE = String.join("\n",
            "usage: fpi import FILE --dataset NAME [--format " + LogFormat.cliNames() + "]",
            "                  [--case-object-type TYPE] [--csv-case COL --csv-activity COL --csv-timestamp COL]",
            "                  [--replace] [--strict] [--parallelism N]",
            "",
            "  FILE                 an XES, OCEL 2.0 (XML or JSON) or CSV event log; .gz is read as such",
            "  --dataset NAME       dataset to import into (letters, digits, '.', '_', '-'; at most 64)",
            "  --format F           skip detection (by extension, then by content)",
            "  --case-object-type T OCEL: the object type whose objects become cases (required if several)",
            "  --csv-case/--csv-activity/--csv-timestamp COL",
            "                       CSV: the columns; default: the first conventional header name",
            "  --replace            the dataset holds other data: delete it first, then import",
            "  --strict             fail on the first invalid event instead of rejecting and counting it",
            "  --parallelism N      parallelism of the import job (default FPI_JOB_PARALLELISM or 2)",
            "",
            "Importing the same file into the same dataset again changes nothing (same event ids).",
            "");

    /** Also the rule that keeps dataset names usable as trace keys (no '/') and file names. */
    static final Pattern DATASET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** @throws IllegalArgumentException with a message for the user */
    static ImportArgs parse(String[] args, int defaultParallelism) {
        Path file = null;
        String dataset = null;
        LogFormat format = null;
        String caseObjectType = null;
        String csvCase = null;
        String csvActivity = null;
        String csvTimestamp = null;
        boolean replace = false;
        boolean strict = false;
        boolean help = false;
        int parallelism = defaultParallelism;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--replace" -> replace = true;
                case "--strict" -> strict = true;
                case "--dataset" -> dataset = value(args, ++i, a);
                case "--format" -> format = LogFormat.fromCliName(value(args, ++i, a));
                case "--case-object-type" -> caseObjectType = value(args, ++i, a);
                case "--csv-case" -> csvCase = value(args, ++i, a);
                case "--csv-activity" -> csvActivity = value(args, ++i, a);
                case "--csv-timestamp" -> csvTimestamp = value(args, ++i, a);
                case "--parallelism" -> parallelism = positive(value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("--") || file != null) {
                        throw new IllegalArgumentException("unknown or extra argument '" + a + "'");
                    }
                    file = Path.of(a);
                }
            }
        }
        if (help) {
            return new ImportArgs(file, dataset, format, caseObjectType, csvCase, csvActivity, csvTimestamp, replace,
                    strict, parallelism, true);
        }
        if (file == null) {
            throw new IllegalArgumentException("the event log FILE is missing");
        }
        if (dataset == null) {
            throw new IllegalArgumentException("--dataset NAME is required");
        }
        checkDataset(dataset);
        return new ImportArgs(file, dataset, format, caseObjectType, csvCase, csvActivity, csvTimestamp, replace, strict,
                parallelism, false);
    }

    static void checkDataset(String dataset) {
        if (!DATASET.matcher(dataset).matches()) {
            throw new IllegalArgumentException("dataset name '" + dataset + "' is not allowed: use 1 to 64 letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String name) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + v + "'");
    }
}
