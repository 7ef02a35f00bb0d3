package io.fpi.importer.ocel;

/** A qualified relationship to an object (event-to-object or object-to-object). */
record Relationship(String objectId, String qualifier) {
}
