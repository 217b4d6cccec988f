package io.csbridge.domain.language;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Driver;

import java.util.List;

/**
 * A driver in words, in the configured language. The domain keeps each driver language-neutral as its
 * measure name and input values; the English line it also carries is the English text, unchanged. Other
 * languages render from the measure and the inputs ({@link JapaneseDriverTexts}); a driver they have no
 * words for falls back to English.
 */
public final class DriverTexts {

    private DriverTexts() {
    }

    public static String explain(Driver driver, Language language) {
        if (language == Language.JAPANESE && driver.measure() != null) {
            String text = JapaneseDriverTexts.explain(driver);
            if (text != null) return text;
        }
        return driver.explanation() == null ? "" : driver.explanation();
    }

    /** The first {@code n} drivers' explanations, "; "-separated as in {@link AccountScore#topReasons(int)}. */
    public static String topReasons(AccountScore score, int n, Language language) {
        if (language == Language.ENGLISH) return score.topReasons(n);
        List<Driver> drivers = score.drivers();
        StringBuilder text = new StringBuilder();
        for (Driver driver : drivers.subList(0, Math.min(n, drivers.size()))) {
            if (!text.isEmpty()) text.append("; ");
            text.append(explain(driver, language));
        }
        return text.toString();
    }
}
