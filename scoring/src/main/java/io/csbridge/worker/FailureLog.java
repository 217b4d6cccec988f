package io.csbridge.worker;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a loop's failures once each: the first occurrence of a failure (its type and message) with its
 * stack trace, repeats of the same failure only at FINE, and the recovery when the loop works again.
 */
public final class FailureLog {

    private final Logger log;
    private final String name;
    private String last;
    private int repeats;

    public FailureLog(Logger log, String name) {
        this.log = log;
        this.name = name;
    }

    /** The loop failed; it retries after {@code retryMillis}. */
    public synchronized void failed(Throwable failure, long retryMillis) {
        String signature = failure.getClass().getName() + ": " + failure.getMessage();
        if (Objects.equals(signature, last)) {
            repeats++;
            log.fine(() -> name + " failed again (" + repeats + " times), retrying in " + retryMillis + " ms: " + signature);
            return;
        }
        last = signature;
        repeats = 1;
        log.log(Level.WARNING, name + " failed, retrying in " + retryMillis + " ms (logged once while it repeats)", failure);
    }

    /** The loop worked: a later failure is news again. */
    public synchronized void succeeded() {
        if (last == null) return;
        int n = repeats;
        log.info(() -> name + " works again after " + n + " failed attempts");
        last = null;
        repeats = 0;
    }
}
