package io.csbridge.translation;

/**
 * A vendor record that cannot become signals as it is (no stamp, an id longer than the store keeps ...).
 * A webhook answers it 400; a backfill counts it as skipped and goes on.
 */
public final class RecordRejected extends IllegalArgumentException {

    public RecordRejected(String detail) {
        super(detail);
    }
}
