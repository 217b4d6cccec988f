package io.csbridge.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventsInFlightTest {

    final EventsInFlight events = new EventsInFlight();

    @Test
    void acceptedEventsAreInFlightUntilTheProcessorFindsNothingMore() {
        assertThat(events.any()).isFalse();
        events.accepted();
        assertThat(events.any()).isTrue();
        assertThat(events.processed(200, events.mark())).isFalse();
        assertThat(events.any()).isTrue();
        assertThat(events.processed(0, events.mark())).as("caught up").isTrue();
        assertThat(events.any()).isFalse();
        assertThat(events.processed(0, events.mark())).as("already idle").isFalse();
    }

    @Test
    void eventsAcceptedWhileTheProcessorLookedKeepThemInFlight() {
        events.accepted();
        long mark = events.mark();
        events.accepted(); // committed after the processor's claim
        assertThat(events.processed(0, mark)).isFalse();
        assertThat(events.any()).isTrue();
    }

    @Test
    void eventsLeftFromBeforeARestartCountOnceTheProcessorFindsThem() {
        assertThat(events.processed(50, events.mark())).isFalse();
        assertThat(events.any()).isTrue();
    }
}
