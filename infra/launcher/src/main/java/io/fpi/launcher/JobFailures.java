package io.fpi.launcher;

/** Finds, in a failed Flink job's exception chain, the exception that says what went wrong. */
final class JobFailures {
    private JobFailures() {}

    /**
     * The first cause that is not one of Flink's or the JDK's wrappers ("Job execution failed",
     * "Recovery is suppressed", ExecutionException...), else the innermost one.
     */
    static Throwable cause(Throwable t) {
        Throwable innermost = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            innermost = c;
            String name = c.getClass().getName();
            boolean wrapper = name.startsWith("org.apache.flink.runtime.") || name.startsWith("java.util.concurrent.")
                    || name.equals("org.apache.flink.util.FlinkException")
                    || name.equals("org.apache.flink.util.FlinkRuntimeException");
            if (!wrapper) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return innermost;
    }
}
