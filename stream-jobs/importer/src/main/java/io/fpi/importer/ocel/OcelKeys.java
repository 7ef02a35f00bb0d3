package io.fpi.importer.ocel;

/**
 * Attribute keys under which a flattened OCEL 2.0 event keeps what the case notion alone loses.
 * Arrays are JSON and parallel: element i of {@link #OBJECTS}, {@link #OBJECT_TYPES} and
 * {@link #QUALIFIERS} describe the event's i-th relationship, in file order.
 */
public final class OcelKeys {
    /** The OCEL event's own id (the FPI event_id is derived per case, so they differ). */
    public static final String EVENT_ID = "ocel:eid";
    /** JSON array of the ids of every object the event relates to, all types. */
    public static final String OBJECTS = "ocel:objects";
    /** JSON array of those objects' types. */
    public static final String OBJECT_TYPES = "ocel:object_types";
    /** JSON array of the relationships' qualifiers (null where the file gives none). */
    public static final String QUALIFIERS = "ocel:qualifiers";
    /**
     * JSON array of the case object's object-to-object relationships,
     * {@code [{"objectId":..,"type":..,"qualifier":..}]}; absent when it has none.
     */
    public static final String O2O = "ocel:o2o";

    private OcelKeys() {
    }
}
