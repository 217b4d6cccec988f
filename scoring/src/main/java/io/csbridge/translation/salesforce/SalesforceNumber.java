package io.csbridge.translation.salesforce;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * A number field of an Outbound Message (ARR, seats, an Opportunity's amount), bounded before it is
 * converted: Salesforce writes doubles ({@code 1.2E7}), but a forged or broken message may carry
 * {@code 1E999999999}, whose plain form is a billion characters. Amounts are never negative, NaN or
 * infinite, and never beyond {@link #MAX_INTEGER_DIGITS} integer digits; fractions are kept to
 * {@link #MAX_FRACTION_DIGITS} places.
 */
final class SalesforceNumber {

    /** Salesforce's widest Number/Currency field has 18 digits; an amount of 10^15 or more is refused. */
    static final int MAX_INTEGER_DIGITS = 15;
    static final int MAX_FRACTION_DIGITS = 6;

    /** Why a value was refused: the message is answered 400 with it. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private SalesforceNumber() {
    }

    /**
     * @return empty for a blank or non-numeric value (left out, as before); the bounded value otherwise
     * @throws Refused for NaN, infinity, a negative amount or one too large to be real
     */
    static Optional<BigDecimal> amount(String field, String raw) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        String value = raw.trim();
        String word = value.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        if (word.equals("nan") || word.startsWith("inf")) throw new Refused(field + " is not a finite number: " + shorten(value));
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return Optional.empty();
        }
        if (number.signum() < 0) throw new Refused(field + " is negative: " + shorten(value));
        if (number.signum() == 0) return Optional.of(BigDecimal.ZERO);
        long integerDigits = (long) number.precision() - number.scale(); // no plain form is built for this
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new Refused(field + " is out of range (at most " + MAX_INTEGER_DIGITS + " integer digits): " + shorten(value));
        }
        if (integerDigits < -MAX_FRACTION_DIGITS) return Optional.of(BigDecimal.ZERO);
        if (number.scale() > MAX_FRACTION_DIGITS) {
            number = number.round(new MathContext((int) integerDigits + MAX_FRACTION_DIGITS, RoundingMode.HALF_UP));
        }
        BigDecimal bounded = number.stripTrailingZeros();
        return Optional.of(bounded.scale() < 0 ? bounded.setScale(0) : bounded);
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
