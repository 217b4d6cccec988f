package io.csbridge.backfill;

import java.time.Duration;
import java.util.Optional;

/**
 * Where each read stopped, kept durably: a backfill's position by its job ({@code backfill:<id>}) and the
 * reconciliation cursor of each vendor ({@code reconcile:salesforce}). Also the lease that lets one node
 * at a time run a named read. The port durable jobs plug into; {@code store/backfill/ReadCursorStore}
 * implements it.
 */
public interface ReadPositions {

    /** The position last saved under {@code name}; empty when none. */
    Optional<String> position(String name);

    /** Records read so far under {@code name}. */
    long processed(String name);

    /** Saves the position after a page and adds the page's records to the count. */
    void save(String name, String position, long recordsAdded);

    /**
     * Takes or renews the lease on {@code name} for {@code holder} (timed by the database clock).
     *
     * @return false when another holder's lease has not ended
     */
    boolean lease(String name, String holder, Duration length);

    /** Ends {@code holder}'s lease on {@code name}, if it still has it. */
    void release(String name, String holder);
}
