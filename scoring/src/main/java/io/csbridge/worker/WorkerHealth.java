package io.csbridge.worker;

import java.time.Duration;

/**
 * How one pipeline thread stands, as the health checks report it.
 *
 * @param sinceBeat how long since its loop last came round
 */
public record WorkerHealth(String name, State state, Duration sinceBeat) {

    /** ALIVE: running and coming round; STALE: stuck in one step too long; DEAD: its thread ended. */
    public enum State { NOT_STARTED, ALIVE, STALE, DEAD }

    public boolean alive() {
        return state == State.ALIVE;
    }
}
