package io.fpi.detection.nodes;

/**
 * The key of a watched node stage: {@code <length of dataset>:<dataset>/<node>/<stage>}. Node ids and
 * stage names contain no '/', datasets may: the length prefix keeps the parts apart, as in the
 * trace job's order key.
 */
public final class NodeStageKeys {
    private NodeStageKeys() {}

    public static String of(String dataset, String node, String stage) {
        return dataset.length() + ":" + dataset + "/" + node + "/" + stage;
    }

    public static String dataset(String key) {
        int colon = key.indexOf(':');
        int length = Integer.parseInt(key.substring(0, colon));
        return key.substring(colon + 1, colon + 1 + length);
    }

    private static String rest(String key) {
        int colon = key.indexOf(':');
        int length = Integer.parseInt(key.substring(0, colon));
        return key.substring(colon + 2 + length);
    }

    public static String node(String key) {
        String rest = rest(key);
        return rest.substring(0, rest.lastIndexOf('/'));
    }

    public static String stage(String key) {
        String rest = rest(key);
        return rest.substring(rest.lastIndexOf('/') + 1);
    }
}
