package io.csbridge.domain.alerting;

import io.csbridge.domain.score.Band;
import org.junit.jupiter.api.Test;

import static io.csbridge.domain.alerting.AlertEngineTest.T0;
import static io.csbridge.domain.alerting.AlertEngineTest.highTouch;
import static io.csbridge.domain.alerting.AlertEngineTest.kinds;
import static org.assertj.core.api.Assertions.assertThat;

/** Band Unknown (too little evidence) never raises "entered Red"; becoming known as Red does. */
class UnknownBandAlertsTest {

    final AlertEngine engine = new AlertEngine(AlertRules.defaults());
    final InMemoryAlertLedger ledger = new InMemoryAlertLedger();

    @Test
    void anAccountFirstSeenAsUnknownFiresNothing() {
        assertThat(engine.evaluate(null, highTouch(Band.UNKNOWN, 10, T0), ledger, T0)).isEmpty();
    }

    @Test
    void redToUnknownFiresNothing() {
        assertThat(engine.evaluate(highTouch(Band.RED, 10, T0), highTouch(Band.UNKNOWN, 10, T0.plusSeconds(60)),
                ledger, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void unknownToRedFiresEnteredRedOnceTheAccountIsKnownToBeRed() {
        assertThat(kinds(engine.evaluate(highTouch(Band.UNKNOWN, 10, T0), highTouch(Band.RED, 10, T0.plusSeconds(60)),
                ledger, T0.plusSeconds(60)))).containsExactly(AlertKind.ENTERED_RED);
    }
}
