package io.fpi.importer.ocel;

import java.util.List;
import java.util.Map;

/**
 * One OCEL 2.0 event as read from the file, before flattening.
 *
 * @param position      index among the file's events (0-based)
 * @param line          1-based line where it starts, or -1
 * @param time          the raw {@code time} value; null when absent
 * @param attributes    event attributes, values as strings, file order
 * @param relationships event-to-object relationships, file order
 */
record OcelEvent(long position, int line, String id, String type, String time,
                 Map<String, String> attributes, List<Relationship> relationships) {
}
