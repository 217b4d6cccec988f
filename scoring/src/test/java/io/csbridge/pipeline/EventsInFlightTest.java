package io.csbridge.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventsInFlightTest {

    final EventsInFlight events = new EventsInFlight();

    @Test
    void acceptedEventsAreInFlightUntilTheProcessorFindsNothingMore() {
        assertThat(events.eventsInFlight()).isFalse();
        events.accepted();
        assertThat(events.eventsInFlight()).isTrue();
        assertThat(events.processed(200, events.starting())).isFalse();
        assertThat(events.eventsInFlight()).isTrue();
        assertThat(events.processed(0, events.starting())).as("caught up").isTrue();
        assertThat(events.eventsInFlight()).isFalse();
        assertThat(events.processed(0, events.starting())).as("already idle").isFalse();
    }

    @Test
    void eventsAcceptedWhileTheProcessorLookedKeepThemInFlight() {
        events.accepted();
        long mark = events.starting();
        assertThat(events.batchRunning()).isTrue();
        events.accepted(); // committed after the processor's claim
        assertThat(events.processed(0, mark)).isFalse();
        assertThat(events.eventsInFlight()).isTrue();
        assertThat(events.batchRunning()).isFalse();
        assertThat(events.batchesFinished()).isOne();
    }

    @Test
    void eventsLeftFromBeforeARestartCountOnceTheProcessorFindsThem() {
        assertThat(events.processed(50, events.starting())).isFalse();
        assertThat(events.eventsInFlight()).isTrue();
    }
}
