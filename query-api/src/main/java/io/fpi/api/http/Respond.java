package io.fpi.api.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an answer as JSON, or as CSV when the caller asks for it ({@code ?format=csv}, or an
 * {@code Accept} header naming {@code text/csv}) and the answer is {@link Tabular}. {@code format}
 * wins over {@code Accept}, so a browser link can force either.
 */
public final class Respond {
    public static final String CSV_TYPE = "text/csv; charset=utf-8; header=present";
    private static final Map<String, Boolean> FORMATS = Map.of("json", false, "csv", true);

    private Respond() {}

    public static void answer(Context ctx, Object answer) {
        if (answer instanceof Tabular table && wantsCsv(ctx)) {
            ctx.contentType(CSV_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + table.csvName() + ".csv\"")
                    .result(Csv.write(table.csvHeader(), table.csvRows()));
        } else {
            ctx.json(answer);
        }
    }

    /** Only {@code json} or {@code csv}; a CSV request on a non-table answer still gets JSON. */
    static boolean wantsCsv(Context ctx) {
        var format = Params.oneOf("format", ctx.queryParam("format"), FORMATS);
        if (format.isPresent()) {
            return format.get();
        }
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
