package io.fpi.importer.ocel;

import io.fpi.importer.ImportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What flattening needs to know about objects: each object's type, and the object-to-object
 * relationships of objects of the case type. Object attributes are not kept.
 *
 * <p>Memory: one map entry per object (id string plus a shared type index), which is the one
 * structure of an OCEL import that grows with the log; plus the o2o lists of case objects only.
 */
final class ObjectIndex {
    private final List<String> types = new ArrayList<>();
    private final Map<String, Integer> typeIds = new HashMap<>();
    private final Map<String, Integer> objectTypes = new HashMap<>();
    private final Map<String, List<Relationship>> o2o = new HashMap<>();
    private final String o2oType;

    /** @param requestedCaseType the flag's value; null keeps the o2o links of every object */
    ObjectIndex(String requestedCaseType) {
        this.o2oType = requestedCaseType;
    }

    void declareType(String name) {
        typeId(name);
    }

    void addObject(String id, String type, List<Relationship> relationships) {
        objectTypes.put(id, typeId(type));
        if (!relationships.isEmpty() && (o2oType == null || o2oType.equals(type))) {
            o2o.put(id, List.copyOf(relationships));
        }
    }

    /** The object's type, or null when the log has no such object. */
    String typeOf(String objectId) {
        Integer t = objectTypes.get(objectId);
        return t == null ? null : types.get(t);
    }

    List<Relationship> o2o(String objectId) {
        return o2o.getOrDefault(objectId, List.of());
    }

    /** Declared types in file order, then types only seen on objects. */
    List<String> types() {
        return List.copyOf(types);
    }

    long objectCount() {
        return objectTypes.size();
    }

    /**
     * The case object type: the requested one, which must exist, or the only one.
     *
     * @throws ImportException listing the log's object types
     */
    String resolveCaseType(String requested, String sourceName) {
        if (requested != null) {
            if (!typeIds.containsKey(requested)) {
                throw new ImportException(sourceName, "unknown case object type '" + requested
                        + "': this log's object types are " + String.join(", ", types));
            }
            return requested;
        }
        if (types.size() == 1) {
            return types.get(0);
        }
        if (types.isEmpty()) {
            throw new ImportException(sourceName, "this OCEL log declares no object types, so it has no case notion");
        }
        throw new ImportException(sourceName, "this OCEL log has " + types.size() + " object types ("
                + String.join(", ", types) + "): choose the case notion with --case-object-type");
    }

    private int typeId(String name) {
        Integer id = typeIds.get(name);
        if (id == null) {
            id = types.size();
            types.add(name);
            typeIds.put(name, id);
        }
        return id;
    }
}
