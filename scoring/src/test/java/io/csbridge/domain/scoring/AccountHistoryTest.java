package io.csbridge.domain.scoring;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AccountHistoryTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    /**
     * Two traits stamped at the same second are ordered by their attributes in key order, not in the
     * order the JVM happens to iterate an immutable map (which changes between starts), so a replay on
     * another node or after a restart lets the same one win.
     */
    @Test
    void simultaneousSignalsAreOrderedByTheirAttributesInKeyOrder() {
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            Map<String, String> a = attributes(random);
            Map<String, String> b = attributes(random);
            int expected = Integer.signum(new TreeMap<>(a).toString().compareTo(new TreeMap<>(b).toString()));
            assertThat(Integer.signum(AccountHistory.EVENT_ORDER.compare(traits(a), traits(b)))).as(a + " vs " + b)
                    .isEqualTo(expected);
        }
    }

    private static Map<String, String> attributes(Random random) {
        Map<String, String> out = new HashMap<>();
        for (String key : new String[]{"arr", "plan", "seats", "owner", "renewalDate"}) {
            out.put(key, Integer.toString(random.nextInt(3)));
        }
        return out;
    }

    private static Signal traits(Map<String, String> attributes) {
        return new Signal(AccountKey.product("acme"), SignalKind.ACCOUNT_TRAITS, AT, "group", "", Double.NaN, attributes);
    }
}
