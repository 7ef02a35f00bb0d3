package io.fpi.webhooks.safety;

/** A target URL that FPI will not call, with a reason a person can act on. */
public class TargetRefusedException extends Exception {
    public TargetRefusedException(String message) {
        super(message, null, false, false);
    }
}
