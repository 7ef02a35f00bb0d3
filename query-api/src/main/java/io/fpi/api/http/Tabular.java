package io.fpi.api.http;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An answer that is a table at heart (a list of orders, the points of a series, ...) and can
 * therefore also be sent as CSV ({@code Accept: text/csv} or {@code format=csv}). The JSON shape is
 * the record itself; these methods give the same rows flat, one column per field.
 */
public interface Tabular {
    /** The file name offered for download, without extension. */
    @JsonIgnore
    String csvName();

    @JsonIgnore
    List<String> csvHeader();

    /** Cells: text, numbers, instants, lists (joined by " > "), maps or null. */
    @JsonIgnore
    List<List<Object>> csvRows();
}
