package io.csbridge.backfill;

import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One run of a reader: from the position saved under its name (or from {@code since}), each page is
 * committed to the inbox and then its position saved. A crash between the two reads the page again,
 * and the inbox's dedupe keys make it count once.
 */
public final class ReadRun {

    private final VendorReader reader;
    private final ReadPositions positions;
    private final Inbox inbox;
    private final String name;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong fresh = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public ReadRun(VendorReader reader, ReadPositions positions, Inbox inbox, String name) {
        this.reader = reader;
        this.positions = positions;
        this.inbox = inbox;
        this.name = name;
    }

    /**
     * Reads until the vendor has nothing newer, or {@code cancelled} says stop.
     *
     * @return whether it read to the end (false: cancelled)
     */
    public boolean run(Instant since, BooleanSupplier cancelled) throws VendorReader.Unavailable {
        read.set(positions.processed(name));
        boolean[] stopped = {false};
        reader.read(since, positions.position(name), (List<InboxEntry> entries, int skippedOnPage, String position) -> {
            if (!entries.isEmpty()) fresh.addAndGet(inbox.accept(entries).fresh());
            positions.save(name, position, entries.size() + skippedOnPage);
            read.addAndGet(entries.size() + skippedOnPage);
            skipped.addAndGet(skippedOnPage);
            if (cancelled.getAsBoolean()) {
                stopped[0] = true;
                return false;
            }
            return true;
        });
        return !stopped[0];
    }

    /** How a run waits for the vendor; false when it should stop instead (cancelled, server stopping). */
    public interface Waiting {
        boolean await(Duration pause, VendorReader.Unavailable why) throws InterruptedException;
    }

    /**
     * Like {@link #run}, but a vendor that cannot be read now (an outage, a reached API reserve, an open
     * circuit) delays the read, never ends it: after each wait (the {@code n}th is {@code n} times
     * {@code firstWait}, at most six times) it reads on from the last page committed.
     *
     * @return whether it read to the end (false: cancelled, during a read or a wait)
     */
    public boolean runWaitingOut(Instant since, BooleanSupplier cancelled, Duration firstWait, Waiting waiting)
            throws InterruptedException {
        for (int waits = 1; ; waits++) {
            try {
                return run(since, cancelled);
            } catch (VendorReader.Unavailable e) {
                if (!waiting.await(firstWait.multipliedBy(Math.min(waits, 6)), e)) return false;
            }
        }
    }

    /** Records read, this run and the runs under the same name before it. */
    /** The name its position and count are saved under. */
    public String name() {
        return name;
    }

    public long read() {
        return read.get();
    }

    /** Records new to the inbox this run (the rest were there already, from a webhook or an earlier read). */
    public long fresh() {
        return fresh.get();
    }

    public long skipped() {
        return skipped.get();
    }
}
