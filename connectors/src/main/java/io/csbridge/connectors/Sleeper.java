package io.csbridge.connectors;

import java.time.Duration;

/** Waiting, injected so tests move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));
}
