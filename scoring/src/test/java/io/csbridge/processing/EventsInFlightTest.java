package io.csbridge.processing;

import io.csbridge.outbox.ScoringProgress.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventsInFlightTest {

    final EventsInFlight events = new EventsInFlight(200);

    @Test
    void acceptedEventsAreInFlightUntilTheProcessorFindsNothingMore() {
        assertThat(events.state()).isEqualTo(State.CAUGHT_UP);
        events.accepted();
        assertThat(events.state()).isEqualTo(State.IN_FLIGHT);
        assertThat(events.processed(200, events.starting())).isFalse();
        assertThat(events.state()).as("a full batch: more are waiting").isEqualTo(State.BACKLOG);
        assertThat(events.processed(120, events.starting())).isFalse();
        assertThat(events.state()).isEqualTo(State.IN_FLIGHT);
        assertThat(events.processed(0, events.starting())).as("caught up").isTrue();
        assertThat(events.state()).isEqualTo(State.CAUGHT_UP);
        assertThat(events.processed(0, events.starting())).as("already idle").isFalse();
    }

    @Test
    void eventsAcceptedWhileTheProcessorLookedKeepThemInFlight() {
        events.accepted();
        long mark = events.starting();
        assertThat(events.batchRunning()).isTrue();
        events.accepted(); // committed after the processor's claim
        assertThat(events.processed(0, mark)).isFalse();
        assertThat(events.state()).isNotEqualTo(State.CAUGHT_UP);
        assertThat(events.batchRunning()).isFalse();
        assertThat(events.batchesFinished()).isOne();
    }

    @Test
    void eventsLeftFromBeforeARestartCountOnceTheProcessorFindsThem() {
        assertThat(events.processed(50, events.starting())).isFalse();
        assertThat(events.state()).isNotEqualTo(State.CAUGHT_UP);
    }
}
